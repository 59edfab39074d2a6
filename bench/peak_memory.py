"""The peak memory of a fresh process, as code for the ``python -c`` scripts the benchmarks run.

Not ``ru_maxrss``: Linux keeps it across fork and exec, so a child started by a benchmark that
already holds 750 MB reports 750 MB whatever it did itself (seen: every peak of one ``make bench``
run equal to the bench's own size). ``VmHWM`` belongs to the process's own memory map, which exec
replaces: it is the high-water mark of the command alone. ``ru_maxrss`` remains where there is no /proc.
"""

OWN_PEAK_KIB = """
def own_peak_kib():
    try:
        with open("/proc/self/status") as status:
            return int(next(line for line in status if line.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
