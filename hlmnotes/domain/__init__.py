"""The meeting and an intervention as data: programme, codebook, reference lists, records and their validation.

Nothing here knows about storage, files or screens; every other layer builds on these types.
"""
