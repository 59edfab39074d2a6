// The Recorder's entry pad, in the browser: the form, the speaking clock's buttons and the speakers' list.
//
// Why in the browser: focus changes and keyboard shortcuts must act at once, without waiting for the
// kernel, or the first keystrokes after Start go to the wrong place. Every edit is also written to
// localStorage before it is sent, so text typed while the kernel is slow, dead or restarting is never
// lost: after a reload, edits the kernel never confirmed ("pending") are put back into the form and sent.
// The kernel stays the judge of what is saved; this module only shows what it is sent and reports edits.

const PING_MS = 1000;
const LOST_MS = 4000; // no answer for this long: the kernel or the server is gone
const MATCHES = 6;
const LOST_TEXT = "Connection lost — your text is kept in this browser; reload the page";

let counter = 0;

function make(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function fold(text) {
  return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
}

function items(text) {
  return (text || "").split(";").map((s) => s.trim()).filter(Boolean);
}

function readKept(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key) || "null");
  } catch (error) {
    return null;
  }
}

function writeKept(key, record) {
  try {
    window.localStorage.setItem(key, JSON.stringify(record));
  } catch (error) {
    // storage full or refused (private mode): the kernel's draft still keeps the text
  }
}

function render({ model, el }) {
  const id = `hlm${++counter}`;
  const setup = model.get("setup");
  const labels = setup.labels;
  const values = Object.fromEntries(setup.fields.map((f) => [f, ""]));
  let key = model.get("storage_key");
  let seq = 0;
  let lastPong = performance.now();
  let wholeList = false;

  // -- helpers --------------------------------------------------------------------------------
  const send = (content) => {
    try {
      model.send(content);
    } catch (error) {
      showLost(true);
    }
  };
  const button = (text, cls, attrs = {}) => make("button", { class: `jupyter-button widget-button ${cls || ""}`, type: "button", text, ...attrs });
  // A focus the kernel asks for answers the person's last action (Save: the next speaker; New entry: the
  // delegation). If they have since put the focus somewhere themselves (a click, Tab), the request comes
  // late, from a busy kernel, and is dropped: obeyed, it would carry their next keystrokes into another field.
  let movedByPerson = false;
  let moving = false; // while this code moves the focus itself
  // Nor is a request obeyed that answers an action older than the last, or that finds the person typing
  // since the action it answers. Actions are numbered: the kernel tags each focus request with the action
  // it answers and says when it has answered one (``answered``); what it sends before that may answer an
  // earlier action, sent before it heard of this one. A click on the speakers' list then Alt+S, answered
  // late: the list's "keyboard to Start" took the keyboard out of Key points, and its stopped clock
  // brought back the Start button a typed space then pressed (the keys typed meanwhile were lost, the
  // clock restarted). Alt+N then typing a delegation: "keyboard to Start" came in mid-word.
  let acted = model.get("answered") || 0; // the number of the last action sent (a reloaded page goes on from
  // the kernel's last: its own first action must not count as answered already)
  let seqActed = 0; // the seq of the last edit sent before it
  // Save as it was pressed: its number, the seq of the last edit before it and the values it saves. Keys
  // typed after Save, before the kernel's answer, are sent as whole fields (the saved notes and the new
  // words): once the kernel says that Save was stored (``saved``), they keep only what was typed since.
  // A field the kernel's emptied form reached first was typed anew: nothing of the saved text is in it.
  let saving = null;
  const action = (name, extra = {}) => {
    movedByPerson = false;
    try {
      model.send({ type: "action", name, n: acted + 1, ...extra });
      acted += 1; // never waited for unless sent
      seqActed = seq;
      if (name === "save") saving = { act: acted, seq, values: { ...values } };
    } catch (error) {
      showLost(true);
    }
  };
  const answered = () => model.get("answered") >= acted;
  // The copy carries the entry's identity: a copy of an entry saved meanwhile (in another tab) is
  // refused by the kernel when a reload sends it back, instead of becoming a second record.
  const keep = (pending) =>
    writeKept(key, { values: { ...values }, pending, seq, at: Date.now(), entry: model.get("entry_id"), saved_as: model.get("saved_as") });
  // The seq of each field's last edit. A form the kernel sends says which edit it had seen last; a
  // field edited after that is on its way to the kernel, which will apply it after this form, so the
  // form must not put back the older value (New entry or Save answered late by a busy kernel would
  // otherwise blank what the person typed since).
  const editedSeq = {};
  const edited = (field) => {
    seq += 1;
    editedSeq[field] = seq;
    keep(true);
    send({ type: "edit", values: { [field]: values[field] }, seq });
  };

  // -- the banner -----------------------------------------------------------------------------
  const banner = make("div", { class: "hlm-banner", role: "alert", text: LOST_TEXT });
  banner.hidden = true;
  const showLost = (lost) => {
    banner.hidden = !lost;
  };

  // -- the clock and the speakers' list ---------------------------------------------------------
  const clock = make("div", { class: "hlm-clockbox" });
  const start = button(labels.start, "mod-success", { title: "Start the speaking clock (the notes take the keyboard)" });
  const stop = button(labels.stop, "", { title: "Stop the speaking clock (Esc)" });
  const queueSummary = make("div", { class: "hlm-muted hlm-queue-summary" });
  const queueList = make("ul", { class: "hlm-queue" });
  const more = button("", "hlm-more", { title: "Show every entry of the speakers' list" });
  const next = button(labels.next, "", { title: "Fill the form with the next inscribed speaker (Alt+N)" });
  const skip = button("Absent", "", { title: "Mark the speaker on the form absent: the list moves on" });
  const lateInput = make("input", { id: `${id}-late`, class: "hlm-input", placeholder: "delegation", list: `${id}-delegations` });
  const late = button("Add", "", { title: "Add this delegation at the end of the speakers' list" });
  const timeUsed = make("div", { class: "hlm-muted" });
  const side = make(
    "div",
    { class: "hlm-side" },
    make("b", { text: "Speaking clock" }), clock, make("div", { class: "hlm-row" }, start, stop),
    make("b", { text: "Speakers' list" }), queueSummary, queueList, more,
    make("div", { class: "hlm-row" }, next, skip),
    make("label", { for: `${id}-late`, class: "hlm-small", text: "Late inscription" }), make("div", { class: "hlm-row" }, lateInput, late),
    make("b", { text: "Time used" }), timeUsed,
  );

  // -- the form -------------------------------------------------------------------------------
  const entryLabel = make("div", { class: "hlm-entry" });
  const fields = {};
  const row = (name, control) => {
    control.id = `${id}-${name}`;
    fields[name] = control;
    return make("div", { class: "hlm-field" }, make("label", { for: control.id, text: labels[name] }), control);
  };
  const datalist = (suffix, options) => {
    const list = make("datalist", { id: `${id}-${suffix}` });
    for (const option of options) list.append(make("option", { value: option }));
    return list;
  };
  const speaker = make("input", { class: "hlm-input", placeholder: "name (optional)", list: `${id}-podium`, autocomplete: "off" });
  const delegation = make("input", { class: "hlm-input", placeholder: "e.g. Belgium, UNODC, Women's Link Worldwide", list: `${id}-delegations`, autocomplete: "off" });
  const category = make("select", { class: "hlm-select" });
  for (const [code, label] of setup.categories) category.append(make("option", { value: code, text: label }));
  const onBehalfOf = make("input", { class: "hlm-input", placeholder: "group, e.g. European Union (optional)", list: `${id}-groups`, autocomplete: "off" });
  const questionsLabel = make("span", { id: `${id}-questions-label`, class: "hlm-label", text: labels.questions });
  const questionsBox = make("div", { class: "hlm-buttons", role: "group", "aria-labelledby": questionsLabel.id });
  const chips = make("span", { class: "hlm-chips" });
  const themeInput = make("input", { class: "hlm-input hlm-theme-input", placeholder: "type a theme, Enter takes the first match", autocomplete: "off" });
  const matches = make("ul", { class: "hlm-matches", role: "listbox" });
  const themeNote = make("span", { class: "hlm-theme-note", role: "status" });
  const suggested = make("span", { class: "hlm-buttons" });
  const noSuggestion = make("span", { class: "hlm-muted", text: "themes matching the key points appear here" });
  const keyPoints = make("textarea", { class: "hlm-text", rows: 7, placeholder: "one point per line, reported speech: called for stronger …" });
  const recommendations = make("textarea", { class: "hlm-text", rows: 3, placeholder: "one per line: establish national referral mechanisms …" });
  const flagsLabel = make("span", { id: `${id}-flags-label`, class: "hlm-label", text: "Flags" });
  const flagsBox = make("div", { class: "hlm-buttons", role: "group", "aria-labelledby": flagsLabel.id });
  const save = button(labels.save, "mod-primary", { title: "Save this intervention (Ctrl+Enter)" });
  const undo = button(labels.undo, "", { title: "Undo your last save, edit or deletion" });
  const fresh = button("New entry", "", { title: "Leave this entry and start an empty one (the log keeps what was typed)" });
  const status = make("span", { class: "hlm-status", role: "status" });
  const help = make("div", { class: "hlm-help", text: setup.help });

  const themesField = row("themes", themeInput);
  themesField.append(make("div", { class: "hlm-theme-box" }, chips, matches, themeNote));
  const form = make(
    "div",
    { class: "hlm-form" },
    entryLabel,
    row("delegation", delegation), row("speaker", speaker), row("category", category), row("on_behalf_of", onBehalfOf),
    make("div", { class: "hlm-field" }, questionsLabel, questionsBox),
    themesField,
    make("div", { class: "hlm-field" }, make("span", { class: "hlm-label", text: "Suggested" }), make("span", {}, noSuggestion, suggested)),
    row("key_points", keyPoints), row("recommendations", recommendations),
    make("div", { class: "hlm-field" }, flagsLabel, flagsBox),
    make("div", { class: "hlm-actions" }, save, undo, fresh, status),
    help,
    datalist("delegations", setup.delegations), datalist("groups", setup.groups), datalist("podium", []),
  );
  // JupyterLab must not take the pad's keys (Ctrl+Enter would run the cell instead of saving)
  const root = make("div", { class: "hlm-pad", "data-lm-suppress-shortcuts": "true" }, banner, make("div", { class: "hlm-pad-grid" }, form, side));
  el.append(root);

  // -- showing values -------------------------------------------------------------------------
  const toggles = (box, field, options) => {
    box.replaceChildren();
    for (const [value, text, title] of options) {
      const b = button(text, "hlm-toggle", { title, "data-value": value, "aria-pressed": "false" });
      b.addEventListener("click", () => toggle(field, String(value)));
      box.append(b);
    }
  };
  const toggle = (field, value) => {
    const chosen = items(values[field]);
    const wanted = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
    const order = [...(field === "questions" ? questionsBox : flagsBox).children].map((b) => b.dataset.value);
    values[field] = order.filter((v) => wanted.includes(v)).join(";");
    showToggles(field);
    edited(field);
  };
  const showToggles = (field) => {
    const chosen = items(values[field]);
    for (const b of (field === "questions" ? questionsBox : flagsBox).children) {
      const on = chosen.includes(b.dataset.value);
      b.setAttribute("aria-pressed", String(on));
      b.classList.toggle("mod-info", on);
    }
  };
  const themeLabel = (themeId) => (setup.themes.find(([t]) => t === themeId) || [themeId, themeId])[1];
  const showThemes = () => {
    chips.replaceChildren();
    for (const themeId of items(values.themes)) {
      const remove = make("button", { class: "hlm-chip-x", type: "button", title: `Remove ${themeId}`, text: "×", tabindex: "-1" });
      remove.addEventListener("click", () => {
        values.themes = items(values.themes).filter((t) => t !== themeId).join(";");
        showThemes();
        edited("themes");
      });
      chips.append(make("span", { class: "hlm-chip", title: themeLabel(themeId) }, themeId, remove));
    }
  };
  const textFields = { speaker, delegation, category, on_behalf_of: onBehalfOf, key_points: keyPoints, recommendations };
  const show = (incoming, only, seen = Infinity) => {
    for (const field of only || Object.keys(incoming)) {
      if (!(field in values) || incoming[field] === undefined || (editedSeq[field] || 0) > seen) continue;
      values[field] = incoming[field] || "";
      if (saving) saving.values[field] = values[field]; // what is typed from here on is typed over the kernel's value
      if (textFields[field] && textFields[field].value !== values[field]) textFields[field].value = values[field];
    }
    showToggles("questions");
    showToggles("flags");
    showThemes();
  };
  const showPanel = () => {
    const panel = model.get("panel");
    toggles(questionsBox, "questions", panel.questions.map(([n, short, text]) => [n, `Q${n} · ${short}`, `Q${n}. ${text} (Alt+${n})`]));
    const podium = el.querySelector(`#${id}-podium`);
    podium.replaceChildren(...panel.podium.map((name) => make("option", { value: name })));
  };
  toggles(flagsBox, "flags", setup.flags.map(([code, text]) => [code, text, ""]));

  // -- the person's edits -----------------------------------------------------------------------
  for (const [field, control] of Object.entries(textFields)) {
    control.addEventListener(control.tagName === "SELECT" ? "change" : "input", () => {
      values[field] = control.value;
      edited(field);
    });
  }
  const addTheme = (themeId) => {
    const chosen = items(values.themes);
    if (!chosen.includes(themeId)) {
      values.themes = [...chosen, themeId].join(";");
      edited("themes");
    }
    showThemes();
    themeInput.value = "";
    themeNote.textContent = "";
    matches.replaceChildren();
  };
  const findThemes = (query) => {
    const q = fold(query);
    if (!q) return [];
    const scored = [];
    for (const [themeId, label] of setup.themes) {
      const a = fold(themeId), b = fold(label);
      const score = a.startsWith(q) || b.startsWith(q) ? 0 : a.includes(q) || b.includes(q) ? 1 : 2;
      if (score < 2) scored.push([score, themeId, label]);
    }
    return scored.sort((x, y) => x[0] - y[0]).slice(0, MATCHES);
  };
  let offered = []; // the theme ids in the list under the field; ``picked`` is the highlighted one
  let picked = 0;
  const showMatches = () => {
    [...matches.children].forEach((item, i) => item.classList.toggle("hlm-top", i === picked));
  };
  themeInput.addEventListener("input", () => {
    themeNote.textContent = "";
    const found = findThemes(themeInput.value);
    offered = found.map(([, themeId]) => themeId);
    picked = 0;
    matches.replaceChildren(
      ...found.map(([, themeId, label]) => {
        const item = make("li", { role: "option", text: `${label} (${themeId})` });
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          addTheme(themeId);
        });
        return item;
      }),
    );
    showMatches();
  });
  themeInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const typed = themeInput.value.trim();
      if (!typed) return;
      if (matches.children.length && offered[picked]) addTheme(offered[picked]);
      else if (findThemes(typed).length) addTheme(findThemes(typed)[0][1]);
      else themeNote.textContent = `No theme matches “${typed}”; type part of a theme's name or id`;
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && matches.children.length) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      picked = (picked + step + matches.children.length) % matches.children.length;
      showMatches();
    } else if (event.key === "Escape" && (matches.children.length || themeInput.value)) {
      event.stopPropagation();
      themeInput.value = "";
      matches.replaceChildren();
    }
  });
  themeInput.addEventListener("blur", () => setTimeout(() => matches.replaceChildren(), 150));

  // Start (the button, Alt+S or Alt+Shift+S): the keyboard goes to Key points at once, the speaker has
  // begun and the next keystroke is a note. Pressed while the clock runs, it only moves the keyboard there.
  const startClock = () => {
    moving = true;
    try {
      keyPoints.focus();
    } finally {
      moving = false;
    }
    if (start.disabled) return;
    start.disabled = true;
    stop.disabled = false;
    action("start");
  };
  start.addEventListener("click", startClock);
  stop.addEventListener("click", () => action("stop"));
  next.addEventListener("click", () => action("next"));
  skip.addEventListener("click", () => action("absent"));
  save.addEventListener("click", () => action("save"));
  undo.addEventListener("click", () => action("undo"));
  fresh.addEventListener("click", () => action("new"));
  more.addEventListener("click", () => {
    wholeList = !wholeList;
    showQueue();
  });
  const addLate = () => {
    if (lateInput.value.trim()) action("late", { delegation: lateInput.value.trim() });
    lateInput.value = "";
  };
  late.addEventListener("click", addLate);
  lateInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      addLate();
    }
  });

  // -- Tab's order: Delegation → Start → Key points → Recommendations → Questions → Themes → Flags →
  // Speaker → Category → On behalf of → Save → Undo → New entry, then the speakers' list. The page's
  // own order (rows as they are drawn, the list first) would take a rapporteur through the list and the
  // late inscription before the form; what the hands need after a delegation is Start, then the notes.
  const usable = (node) => node && !node.disabled && !node.hidden && node.getClientRects().length > 0;
  const sequence = () => [
    delegation, start, stop, keyPoints, recommendations, ...questionsBox.children, themeInput, ...flagsBox.children,
    speaker, category, onBehalfOf, save, undo, fresh,
    ...queueList.querySelectorAll("button"), more, next, skip, lateInput, late,
  ].filter(usable);
  const tab = (from, step) => {
    const order = sequence();
    const here = order.indexOf(from);
    const to = order[here + step];
    if (here < 0 || !to) return false; // outside the pad's order, or at its ends: the browser's Tab
    to.focus();
    return true;
  };

  // -- keyboard shortcuts (anywhere in the Recorder) ---------------------------------------------
  const onKey = (event) => {
    if (!root.isConnected) return;
    const scope = root.closest(".hlm-recorder") || root;
    if (!(scope.contains(event.target) || event.target === document.body)) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) action("save");
    else if (event.key === "Escape" && event.target === themeInput && (matches.children.length || themeInput.value)) return;
    else if (event.key === "Escape") action("stop");
    else if (event.altKey && event.code === "KeyN") action("next");
    else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyS") startClock();
    else if (event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (!tab(event.target, event.shiftKey ? -1 : 1)) return;
    }
    else if (event.altKey && /^Digit[1-9]$/.test(event.code)) {
      const n = event.code.slice(5);
      if ([...questionsBox.children].some((b) => b.dataset.value === n)) toggle("questions", n);
      else return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };
  document.addEventListener("keydown", onKey, true);
  // The whole Recorder (header and table too) keeps its keys from JupyterLab, once it is on the page.
  const claim = (tries) => {
    const scope = root.closest(".hlm-recorder");
    if (scope) scope.setAttribute("data-lm-suppress-shortcuts", "true");
    else if (!root.isConnected && tries > 0) setTimeout(() => claim(tries - 1), 200);
  };
  claim(50);

  // -- what the kernel sends ----------------------------------------------------------------------
  const showQueue = () => {
    const queue = model.get("queue");
    queueSummary.textContent = queue.summary || "";
    const waiting = queue.entries.filter((e) => e.state === "waiting");
    const shown = wholeList ? queue.entries : waiting.slice(0, setup.queue_rows);
    queueList.replaceChildren(
      ...shown.map((e) => {
        const take = make("button", { class: "hlm-take", type: "button", title: e.state === "waiting" ? "Take this speaker" : e.state, "data-position": e.position });
        take.append(make("span", { text: `${e.position}. ${e.who}` }), make("span", { class: "hlm-category", text: ` · ${e.category}` }));
        take.disabled = e.state === "spoken";
        if (e.state !== "waiting") take.classList.add(`hlm-${e.state}`);
        if (e.current) take.classList.add("hlm-current");
        take.addEventListener("click", () => action("take", { position: e.position }));
        return make("li", {}, take);
      }),
    );
    const hidden = queue.entries.length - shown.length;
    more.hidden = !wholeList && hidden <= 0;
    more.textContent = wholeList ? "Show fewer" : `… ${hidden} more: show the whole list`;
    skip.disabled = queue.current === null || queue.current === undefined;
  };
  // The kernel redraws the clock every second; if it falls silent (busy, dead), the browser ticks on
  // from the last elapsed time it was sent, so the room's clock never freezes on the screen.
  let clockAt = performance.now();
  const mmss = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
  const tickLocally = () => {
    const timing = model.get("timing");
    const silent = performance.now() - clockAt;
    const face = clock.querySelector(".hlm-clock");
    if (!timing.running || silent < 1500 || !face) return;
    const elapsed = timing.elapsed + Math.floor(silent / 1000);
    const window = Math.min(timing.near, Math.floor(timing.limit / 2));
    const state = elapsed > timing.limit ? "over" : elapsed >= timing.limit - window ? "near" : "ok";
    const [colour, background] = setup.colours[state];
    face.textContent = `${mmss(elapsed)} / ${mmss(timing.limit)}` + (elapsed > timing.limit ? ` (+${mmss(elapsed - timing.limit)})` : "");
    face.dataset.status = state;
    face.style.color = colour;
    face.style.background = background;
  };
  const showButtons = () => {
    if (!answered()) return; // an action of the person's is not answered yet: the buttons stay as it left them
    const running = model.get("running");
    start.disabled = running;
    stop.disabled = !running;
  };
  const showClock = () => {
    clockAt = performance.now();
    clock.innerHTML = model.get("clock");
    showButtons();
  };
  const showStatus = () => {
    const s = model.get("status");
    status.textContent = s.text || "";
    status.dataset.tone = s.tone || "info";
  };
  const onForm = () => {
    const f = model.get("form");
    const seen = f.seen ?? Infinity;
    show(f.values, f.only, seen);
    // still pending while an edit the kernel has not seen is on its way: a reload must send it again
    if (!f.only) keep(Object.values(editedSeq).some((s) => s > seen));
  };
  const onSavedAs = () => {
    if (model.get("saved_as")) keep(false); // saved from another tab: the copy is no longer unsaved text
  };
  // What was typed into a field since Save: a list keeps the items Save did not have, a choice its new
  // value, a text what stands between the start and the end it still shares with the text Save sent.
  const since = (field, before, now) => {
    if (["questions", "flags", "themes"].includes(field)) return items(now).filter((v) => !items(before).includes(v)).join(";");
    if (field === "category") return now;
    let head = 0;
    while (head < before.length && head < now.length && before[head] === now[head]) head += 1;
    let tail = 0;
    while (tail < before.length - head && tail < now.length - head && before[before.length - 1 - tail] === now[now.length - 1 - tail]) tail += 1;
    return now.slice(head, now.length - tail);
  };
  const onSaved = () => {
    const confirmed = model.get("saved");
    if (!saving || confirmed.act !== saving.act) return;
    const typedSince = Object.keys(values).filter((f) => (editedSeq[f] || 0) > saving.seq);
    const rest = Object.fromEntries(typedSince.map((f) => [f, since(f, saving.values[f] || "", values[f])]));
    saving = null;
    const changed = Object.keys(rest).filter((f) => rest[f] !== values[f]);
    if (!changed.length) return;
    seq += 1;
    for (const field of changed) editedSeq[field] = seq;
    show(rest);
    keep(true);
    send({ type: "edit", values: Object.fromEntries(changed.map((f) => [f, rest[f]])), seq });
  };
  const onKept = () => {
    if (model.get("kept") >= seq) keep(false);
  };
  const onFocus = () => {
    const request = model.get("focus_request");
    const target = { start, stop, next, save, themes: themeInput, ...textFields }[request.field];
    if (!target || movedByPerson || (request.act || 0) < acted || seq > seqActed) return;
    moving = true;
    try {
      target.focus();
    } finally {
      moving = false;
    }
  };
  const onFocusIn = () => {
    if (root.isConnected && !moving) movedByPerson = true;
  };
  document.addEventListener("focusin", onFocusIn, true);
  const onKey2 = () => {
    key = model.get("storage_key");
  };
  const onSuggested = () => {
    const themes = model.get("suggested");
    noSuggestion.hidden = themes.length > 0;
    suggested.replaceChildren(
      ...themes.map(([themeId, label]) => {
        const b = button(`+ ${themeId}`, "mod-info hlm-suggestion", { title: `Add theme: ${label}`, tabindex: "-1" });
        b.addEventListener("click", () => addTheme(themeId));
        return b;
      }),
    );
  };
  const onMessage = (msg) => {
    if (msg && msg.type === "pong") {
      lastPong = performance.now();
      showLost(false);
    }
  };
  const listeners = [
    ["change:form", onForm], ["change:clock", showClock], ["change:running", showClock], ["change:answered", showButtons],
    ["change:queue", showQueue],
    ["change:status", showStatus], ["change:kept", onKept], ["change:saved_as", onSavedAs], ["change:saved", onSaved], ["change:focus_request", onFocus],
    ["change:storage_key", onKey2], ["change:suggested", onSuggested], ["msg:custom", onMessage],
    ["change:entry_label", () => (entryLabel.innerHTML = model.get("entry_label"))],
    ["change:time_used", () => (timeUsed.textContent = model.get("time_used"))],
    ["change:panel", showPanel],
  ];
  for (const [name, callback] of listeners) model.on(name, callback);

  // -- first showing: the kernel's entry, unless this browser holds edits the kernel never confirmed --
  showPanel();
  const kept = readKept(key);
  const initial = model.get("form").values;
  show(initial);
  if (kept && kept.values) {
    seq = kept.seq || 0;
    const newer = Object.keys(values).filter((f) => kept.values[f] !== undefined && kept.values[f] !== values[f]);
    if (kept.pending && newer.length && !kept.saved_as) {
      show(kept.values);
      seq += 1;
      for (const field of newer) editedSeq[field] = seq;
      keep(true);
      send({ type: "edit", values: Object.fromEntries(newer.map((f) => [f, values[f]])), seq, restored: true, entry: kept.entry || "" });
    }
  }
  seqActed = seq; // the page's first focus request answers no action: a restored edit is not typing
  showClock();
  showQueue();
  showStatus();
  onSuggested();
  entryLabel.innerHTML = model.get("entry_label");
  timeUsed.textContent = model.get("time_used");

  // The keyboard starts where the kernel asks (Delegation; Key points when a restored entry's clock
  // runs), once the pad is on the page and unless the person has already put it somewhere.
  const firstFocus = (tries) => {
    if (root.isConnected) onFocus();
    else if (tries > 0) setTimeout(() => firstFocus(tries - 1), 100);
  };
  if (model.get("focus_request").field) firstFocus(100);

  // -- is anyone there? -----------------------------------------------------------------------------
  const heartbeat = setInterval(() => {
    tickLocally();
    send({ type: "ping" });
    if (performance.now() - lastPong > LOST_MS) showLost(true);
  }, PING_MS);
  send({ type: "ping" });

  return () => {
    clearInterval(heartbeat);
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("focusin", onFocusIn, true);
    for (const [name, callback] of listeners) model.off(name, callback);
  };
}

export default { render };
