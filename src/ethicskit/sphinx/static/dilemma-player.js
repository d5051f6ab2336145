// @ts-check
// First Loyalty dilemma player: turns a dilemma's linked map into one decision at a time.
// No framework, no network. Reflections stay in this browser (localStorage) until exported.
(function () {
  "use strict";
  // Every word the player shows comes from the page's word catalogue (words.js), looked up when shown.
  // A page without words.js (a test page) shows the messages as written.
  function fill(message, values) { return values ? message.replace(/\{([a-z_]+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; }) : message; }
  var words = window.ethicskitWords || { _: fill, n_: function (one, many, count, values) { return fill(count === 1 ? one : many, Object.assign({ count: count }, values || {})); } };
  var _ = words._;
  var KEY = "first-loyalty/reflections/v1";
  var JURISDICTION_KEY = "first-loyalty/jurisdiction";
  // Older storage formats, newest first: [key, function turning its data into the current format].
  var MIGRATIONS = [["first-loyalty/reflections", function (old) { return { version: 1, dilemmas: old || {} }; }]];
  /** The word for a lean, from -2 to +2, as the payload gives it: one wording for every output. */
  function leanWord(data, lean) { return data.leans[lean + 2]; }
  /** A lean as a signed number, as the payload writes it for every output: "+1", "0", "-2". */
  function signed(data, lean) { return data.signs[lean + 2]; }
  /** The three sides, [key, name], in the order they are shown. */
  function sides(data) { return data.sides.map(function (side) { return [side.id, side.name]; }); }
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // ---- storage ---------------------------------------------------------------------------------
  // Nothing already stored is ever lost: a store this script cannot read (damaged, or written by a
  // newer version) is left exactly as it is and every write is refused with a message saying why,
  // until the reader downloads it or chooses "Clear all". A failed write always says so.
  var FORMAT = 1;
  function emptyStore() { return { version: FORMAT, dilemmas: {} }; }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isText(value) { return typeof value === "string"; }
  function validDilemma(e) {
    return isObject(e) && isText(e.title) && isText(e.updated) && Array.isArray(e.path) && isObject(e.reflections) &&
      e.path.every(function (p) { return isObject(p) && isText(p.label); }) &&
      Object.keys(e.reflections).every(function (k) { var r = e.reflections[k]; return isObject(r) && isText(r.prompt) && isText(r.text); });
  }
  function validWorksheet(w) {
    return isObject(w) && isText(w.title) && isText(w.updated) && isObject(w.answers) &&
      Object.keys(w.answers).every(function (k) { return isText(w.answers[k]); });
  }
  /** Why `data` is not a store this script can use: "future", "foreign" or "" when it is one. */
  function storeProblem(data) {
    if (!isObject(data)) return "foreign";
    if (typeof data.version === "number" && data.version > FORMAT) return "future";
    if (data.version !== FORMAT || !isObject(data.dilemmas)) return "foreign";
    if (!Object.keys(data.dilemmas).every(function (id) { return validDilemma(data.dilemmas[id]); })) return "foreign";
    if (data.worksheets !== undefined && !(isObject(data.worksheets) &&
      Object.keys(data.worksheets).every(function (id) { return validWorksheet(data.worksheets[id]); }))) return "foreign";
    return "";
  }
  /** Why nothing can be stored, for each problem readStore or a write finds: blocked, damaged, future,
   * foreign or full. */
  function problemText(problem) {
    switch (problem) {
      case "blocked": return _("This browser is blocking storage for this site (private browsing or a site setting), so nothing can be saved here.");
      case "damaged": return _("The reflections stored in this browser are damaged and cannot be read. They are left exactly as they are: download them as they are from My reflections to keep them; 'Clear all' there starts afresh.");
      case "future": return _("The reflections stored in this browser were saved by a newer version of First Loyalty. They are left exactly as they are: open them with that version, or download them as they are from My reflections.");
      case "full": return _("This browser's storage for this site is full. Download your reflections as JSON from My reflections to keep them safe, then free some space.");
      default: return _("The storage this page uses holds data that is not First Loyalty reflections. It is left exactly as it is: download it as it is from My reflections to keep it; 'Clear all' there starts afresh.");
    }
  }
  /** What a reader is told when a save fails: the problem's text after "Not saved." */
  function notSaved(problem) { return _("Not saved. {reason}", { reason: problemText(problem) }); }
  /** What is stored: { store, problem } where problem is "" or a problem problemText explains. */
  function readStore() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) { return { store: emptyStore(), problem: "blocked", raw: null }; }
    if (raw === null) {
      for (var i = 0; i < MIGRATIONS.length; i++) {
        var old = null;
        try { old = localStorage.getItem(MIGRATIONS[i][0]); } catch (e) { /* blocked: handled above */ }
        if (!old) continue;
        try {
          var migrated = MIGRATIONS[i][1](JSON.parse(old));
          if (!storeProblem(migrated)) { writeRaw(JSON.stringify(migrated)); return { store: migrated, problem: "", raw: null }; }
        } catch (e) { /* an old store that cannot be read stays where it is */ }
      }
      return { store: emptyStore(), problem: "", raw: null };
    }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return { store: emptyStore(), problem: "damaged", raw: raw }; }
    var problem = storeProblem(data);
    return problem ? { store: emptyStore(), problem: problem, raw: raw } : { store: data, problem: "", raw: raw };
  }
  function loadStore() { return readStore().store; }
  /** Write `text` to the store: "" when written, otherwise why not ("full" or "blocked"). */
  function writeRaw(text) {
    try { localStorage.setItem(KEY, text); return ""; } catch (e) {
      var full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
      return full ? "full" : "blocked";
    }
  }
  /** Save `store`; "" when saved, otherwise the problem that stopped the write (see problemText). */
  function saveStore(store) {
    var problem = readStore().problem;
    if (problem) return problem;
    return writeRaw(JSON.stringify(store));
  }
  /** Delete every stored reflection: the one write allowed over a store that cannot be read. */
  function clearStore() {
    try { localStorage.removeItem(KEY); return ""; } catch (e) { return _("Not cleared. {reason}", { reason: problemText("blocked") }); }
  }
  function today() { return new Date().toISOString().slice(0, 10); }

  // ---- DOM helpers: every piece of content goes in as text, never as HTML ------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === "text") node.textContent = attrs[name];
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), attrs[name]);
      else if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function paragraphs(text, cls, lang) {
    return String(text || "").split(/\n\s*\n/).filter(Boolean).map(function (p) { return el("p", { class: cls, text: p.trim(), lang: lang }); });
  }
  // The payload names, in an entry's `english`, the fields a page in another language shows in English
  // (strings not yet translated); they are marked `lang="en"` so that screen readers read them as
  // English (WCAG 3.1.2). Python decides which; the player only marks them.
  function langOf(entry, field) { return entry && (entry.english || []).indexOf(field) >= 0 ? "en" : null; }
  function shown(entry, field) {
    var lang = langOf(entry, field);
    return lang ? el("span", { lang: lang, text: entry[field] }) : document.createTextNode(entry[field]);
  }
  // A code's or statute's words quoted in a list: where the payload says they are in English, marked so
  // and followed by a short note in the page's language, as the book's lists do (render.item_text).
  function quoted(entry, field) {
    var words = document.createDocumentFragment();
    words.appendChild(shown(entry, field));
    if (langOf(entry, field)) {
      words.appendChild(document.createTextNode(" "));
      words.appendChild(el("span", { class: "ek-in-english", text: _("(in English)") }));
    }
    return words;
  }
  // A looked-up sentence whose `{placeholders}` are filled with nodes (such as `shown`'s), so that
  // content marked as English keeps its mark inside a sentence in the page's language.
  function sentenceNodes(message, parts) {
    return message.split(/(\{[a-z_]+\})/).filter(Boolean).map(function (piece) {
      var name = piece.slice(1, -1);
      return piece.charAt(0) === "{" && name in parts ? parts[name] : document.createTextNode(piece);
    });
  }
  /** A list item: a clause's or provision's label in bold, then its text. */
  function labelled(label, text) {
    return el("li", {}, [el("strong", { text: _("{label}:", { label: label }) }), document.createTextNode(" "), text]);
  }
  // A codes or law panel, drawn group by group as the payload lists them (export.codes_panel): each
  // group's lead-in, then its clauses or provisions. Which groups, in what order and under what words
  // is decided in Python; a group marked `place` takes its lead-in and clauses from the nation chosen, and
  // one with `none` words shows them in place of an empty list.
  function panelParts(data, groups, choice, place) {
    var fields = { clauses: "text", provisions: "line" };
    function item(of, ref) {
      var entry = (data[of] || {})[ref];
      var label = of === "clauses" ? clauseLabel(data, ref) : entry ? entry.label : ref;
      return labelled(label, entry ? quoted(entry, fields[of]) : document.createTextNode(""));
    }
    var parts = [];
    groups.forEach(function (group) {
      var lead = group.place ? place.related_heading : wordAt(data, group.lead);
      var refs = group.place ? (choice.related || {})[place.id] || [] : group.refs;
      if (!refs.length && !group.none) return;
      parts.push(el("p", { text: lead }), refs.length
        ? el("ul", { class: group.place ? "ek-related" : "ek-" + group.of }, refs.map(function (ref) { return item(group.of, ref); }))
        : el("p", { class: "ek-muted", text: wordAt(data, group.none) }));
    });
    return parts;
  }
  function wordAt(data, path) { return path.split(".").reduce(function (entry, name) { return entry ? entry[name] : ""; }, data); }
  /** How a clause is named: its label from the data ("Social Work England professional standards 6.5"). */
  function clauseLabel(data, ref) {
    var c = data.clauses[ref];
    if (!c) return ref;
    if (c.label) return c.label;
    return c.id ? _("{code} {clause}", { code: c.code, clause: c.id }) : c.code;
  }
  /** Clause labels as one list, e.g. for "Clauses to revisit". */
  function clauseList(data, refs) { return listed(refs.map(function (r) { return clauseLabel(data, r); })); }
  /** Items of a list joined as the language joins them, e.g. "a; b; c". */
  function listed(items) {
    return items.reduce(function (sofar, item) { return sofar === null ? item : _("{earlier}; {later}", { earlier: sofar, later: item }); }, null) || "";
  }

  // Projection mode: the lecturer's switch that shows each side's view after every choice. Off by
  // default, so a learner judges a choice before seeing how the agency, the profession and the person
  // saw it; on with ?projection=on in the address, or the toolbar's switch. Never remembered, so a
  // shared computer does not keep a lecturer's setting for the next student.
  function projectionRequested() {
    try { return /^(on|1|true)$/.test(new URLSearchParams(window.location.search).get("projection") || ""); }
    catch (e) { return false; }
  }

  var uid = 0;
  /** @constructor */
  function Player(root, data) {
    this.root = root;
    this.data = data;
    this.nodes = {}; this.endings = {};
    var self = this;
    data.nodes.forEach(function (n) { self.nodes[n.id] = n; });
    data.endings.forEach(function (e) { self.endings[e.id] = e; });
    this.steps = [];
    this.showingOutcome = false;
    // A decision with a pause before it (its hardest material) is not shown until the learner says to
    // go on; `pausing` is that decision's id, and `stopped` is true once they chose to stop there.
    this.pausing = null;
    this.stopped = false;
    this.projection = projectionRequested();
    var chosen = null;
    try { chosen = localStorage.getItem(JURISDICTION_KEY); } catch (e) { /* storage blocked: use the default */ }
    this.jurisdiction = chosen || data.jurisdiction || "england";
    // In a SCORM package the page asks for a VLE (data-lms) and brings the script that talks to one
    // (scorm-vle.js); the book's pages need neither.
    var vle = window.FirstLoyaltyVle;
    this.lms = root.getAttribute("data-lms") === "scorm12" && vle ? vle.connect() : null;
    this.restore();
    this.build();
    this.render(false);
  }

  var P = Player.prototype;
  P.entry = function (store) {
    var entry = store.dilemmas[this.data.id];
    if (!entry) entry = store.dilemmas[this.data.id] = { title: this.data.title, path: [], ending: null, reflections: {}, updated: today() };
    return entry;
  };

  // The path to resume: the VLE's when it keeps one (the learner may be on another computer), else
  // this browser's. A step that no longer fits the dilemma ends the path there.
  P.restore = function () {
    var fromLms = this.lms ? this.lms.savedPath() : null, saved = loadStore().dilemmas[this.data.id];
    var path = fromLms ? fromLms.map(function (p) { return { node: p[0], choice: p[1] }; }) : saved ? saved.path : [];
    var node = this.data.start;
    for (var i = 0; i < path.length; i++) {
      if (path[i].node !== undefined && path[i].node !== node) break;
      var choice = this.offered(node).filter(function (c) { return c.id === path[i].choice; })[0];
      if (!choice) break;
      this.steps.push({ node: node, choice: choice });
      node = choice.to;
    }
    this.pauseAt(this.current());
  };
  /** Hold the learner at the pause before `nodeId`, if it has one. */
  P.pauseAt = function (nodeId) {
    var node = this.nodes[nodeId];
    this.pausing = node && node.pauseBefore ? nodeId : null;
    this.stopped = false;
  };

  P.made = function () { return this.steps.map(function (s) { return s.choice.id; }); };
  // What a node offers was decided by the engine for every path (`offers`, keyed by which of the node's
  // `conditions` this path has met); the player only looks it up.
  P.offered = function (nodeId) {
    var made = this.made(), node = this.nodes[nodeId];
    var met = node.conditions.filter(function (id) { return made.indexOf(id) >= 0; }).join(" ");
    var ids = node.offers[met] || [];
    return node.choices.filter(function (c) { return ids.indexOf(c.id) >= 0; });
  };
  P.current = function () { return this.steps.length ? this.steps[this.steps.length - 1].choice.to : this.data.start; };

  P.persist = function () {
    var store = loadStore(), entry = this.entry(store), data = this.data, self = this;
    entry.title = data.title;
    entry.path = this.steps.map(function (s) {
      return { node: s.node, title: self.nodes[s.node].title, choice: s.choice.id, label: s.choice.label, clauses: s.choice.honours.concat(s.choice.strains).map(function (r) { return clauseLabel(data, r); }) };
    });
    var end = this.endings[this.current()];
    entry.ending = end ? { id: end.id, title: end.title, clauses: end.clauses.map(function (r) { return clauseLabel(data, r); }) } : null;
    // The whole map opens for good once any ending has been reached (see `reveal`).
    if (end) entry.finished = true;
    if (end) { var drawn = this.drawPath(); if (drawn) entry.pathMap = new XMLSerializer().serializeToString(drawn); }
    else delete entry.pathMap;
    entry.updated = today();
    if (this.lms) this.lms.save(this.steps, !!end);
    var failed = saveStore(store);
    if (this.notice) this.notice.textContent = failed ? _("Your path is not saved. {reason}", { reason: problemText(failed) }) : "";
  };

  P.build = function () {
    var self = this, id = "ek-j-" + (++uid);
    this.root.classList.add("ek-enhanced");
    var select = el("select", { id: id, onchange: function () {
      self.jurisdiction = select.value;
      try { localStorage.setItem(JURISDICTION_KEY, select.value); } catch (e) { /* private mode */ }
      self.render(false);
    } }, this.data.jurisdictions.map(function (j) { return el("option", { value: j.id, text: j.label }); }));
    select.value = this.jurisdiction;
    this.live = el("div", { class: "ek-live", "aria-live": "polite", role: "status" });
    var problem = readStore().problem;
    this.notice = el("p", { class: "ek-store-notice", role: "alert", text: problem ? problemText(problem) : "" });
    this.stage = el("div", { class: "ek-stage" });
    this.pathList = el("ol");
    this.mapButton = el("button", { type: "button", class: "ek-btn", "aria-expanded": "false", text: _("Show the whole map"), onclick: function () {
      var open = self.root.classList.toggle("ek-map-open");
      self.mapButton.setAttribute("aria-expanded", String(open));
      self.mapButton.textContent = open ? _("Hide the whole map") : _("Show the whole map");
    } });
    this.projectionButton = el("button", { type: "button", class: "ek-btn ek-projection-btn", "aria-pressed": String(this.projection), text: controls.projection, onclick: function () {
      self.projection = !self.projection;
      self.projectionButton.setAttribute("aria-pressed", String(self.projection));
      self.render(false, self.projection ? _("Projection mode on: each side's view is shown after every choice.") : _("Projection mode off: each side's view is shown at the end."));
    } });
    this.player = el("div", { class: "ek-player" }, [
      el("div", { class: "ek-toolbar" }, [
        el("label", { for: id, text: controls.jurisdiction }), document.createTextNode(" "), select,
        this.backButton = el("button", { type: "button", class: "ek-btn", text: controls.back, onclick: function () { self.back(); } }),
        el("button", { type: "button", class: "ek-btn", text: controls.restart, onclick: function () { self.restart(); } }),
        this.mapButton, this.projectionButton
      ]),
      this.notice, this.live, this.stage,
      el("section", { class: "ek-path", "aria-label": controls.path }, [el("h2", { text: controls.path }), this.pathList])
    ]);
    var anchor = this.root.querySelector(".ek-student-map") || this.root.querySelector(".ek-node");
    this.root.insertBefore(this.player, anchor);
  };

  P.choose = function (choice) {
    this.steps.push({ node: this.current(), choice: choice });
    this.showingOutcome = true;
    this.persist();
    this.render(true, _("You chose: {label}. {consequence}", { label: choice.label, consequence: choice.consequence }));
  };
  P.next = function () {
    this.showingOutcome = false;
    this.pauseAt(this.current());
    if (this.pausing) { this.render(true, headingOf("pause", this.nodes[this.pausing])); return; }
    var end = this.endings[this.current()];
    this.render(true, end ? end.heading : this.nodes[this.current()].title);
  };
  P.back = function () {
    if (!this.steps.length) return;
    this.steps.pop();
    this.showingOutcome = false;
    this.pausing = null; this.stopped = false;
    this.persist();
    this.render(true, _("Went back to {title}", { title: this.nodes[this.current()].title }));
  };
  P.restart = function () {
    this.steps = [];
    this.showingOutcome = false;
    this.pauseAt(this.data.start);
    this.persist();
    this.render(true, _("Started again"));
  };

  P.render = function (moveFocus, announce) {
    var self = this;
    this.stage.textContent = "";
    this.focusTarget = null;
    var end = this.endings[this.current()];
    if (this.showingOutcome) this.show("outcome", this.steps[this.steps.length - 1].choice);
    else if (this.pausing) this.show(this.stopped ? "stopped" : "pause", this.nodes[this.pausing]);
    else if (end) this.show("ending", end);
    else this.show("decision", this.nodes[this.current()]);
    this.pathList.textContent = "";
    this.steps.forEach(function (s) { self.pathList.appendChild(el("li", { text: s.choice.label, lang: langOf(s.choice, "label") })); });
    if (!this.steps.length) this.pathList.appendChild(el("li", { class: "ek-muted", text: controls.no_path }));
    this.backButton.disabled = !this.steps.length;  // nothing to go back to yet, as in the widget
    this.reveal();
    if (announce) this.live.textContent = announce;
    if (moveFocus && this.focusTarget) {
      this.focusTarget.focus();
      this.focusTarget.scrollIntoView({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
    }
  };

  // ---- the step screens: drawn from the layout Python writes (layout/screens.py), part by part -------
  var screens = words.layout ? words.layout("screens") : null;
  // The words of the controls beside the screens and of the path so far (screens.player_controls).
  var controls = (words.layout ? words.layout("controls") : null) || {};

  /** A field of a payload entry, "a.b" for a field inside one: [the entry holding it, its name]. */
  function fieldOf(subject, path) {
    var names = path.split("."), entry = subject;
    for (var i = 0; i < names.length - 1; i++) entry = entry ? entry[names[i]] : null;
    return [entry, names[names.length - 1]];
  }
  function isSet(value) { return Array.isArray(value) ? value.length > 0 : !!value; }
  /** A part's words: its message with each {field} of the subject in place (marked where English), or
   * one field as it stands. */
  function partWords(part, subject) {
    if (part.field) { var found = fieldOf(subject, part.field); return [shown(found[0], found[1])]; }
    var parts = {};
    (part.text.match(/\{[a-z_]+\}/g) || []).forEach(function (slot) { var name = slot.slice(1, -1); parts[name] = shown(subject, name); });
    return sentenceNodes(part.text, parts);
  }
  function partText(part, subject) { return partWords(part, subject).map(function (n) { return n.textContent; }).join(""); }
  /** What a screen's heading (its first part) says for this subject, as the live region announces it. */
  function headingOf(name, subject) { return partText(screens[name][0], subject); }

  // Each element drawn says which part of the screen it is (`data-part`, and `data-at`, the part's place
  // in the screen), as the widget's classes do, so the two can be compared part by part.
  /** Draw the screen `name` for its subject (a decision, a choice or an ending of the payload). */
  P.show = function (name, subject) {
    var self = this;
    (screens ? screens[name] : []).forEach(function (part, at) {
      if (part["if"] && !self.holds(part["if"], subject)) return;
      var drawn = self.parts[part.part].call(self, part, subject);
      (Array.isArray(drawn) ? drawn : [drawn]).forEach(function (n) {
        n.setAttribute("data-part", part.part); n.setAttribute("data-at", String(at));
        self.stage.appendChild(n);
      });
    });
  };
  /** A part's condition: a field of the subject that is set, or the player's state ("@projection",
   * "@ends"); "!" turns it round. */
  P.holds = function (condition, subject) {
    var negated = condition.charAt(0) === "!", name = negated ? condition.slice(1) : condition, value;
    if (name === "@projection") value = this.projection;
    else if (name === "@ends") value = !!this.endings[subject.to];
    else value = isSet(subject[name]);
    return negated ? !value : value;
  };
  P.moves = {
    "go-on": function () { var title = this.nodes[this.pausing].title; this.pausing = null; this.render(true, title); },
    stop: function () { this.stopped = true; this.render(true, headingOf("stopped", this.nodes[this.pausing])); },
    "return": function () { this.stopped = false; this.render(true, headingOf("pause", this.nodes[this.pausing])); },
    next: function () { this.next(); }
  };
  P.parts = {
    heading: function (part, subject) {
      var h = el("h2", { tabindex: "-1", class: "ek-step-heading" }, partWords(part, subject));
      this.focusTarget = h;
      return h;
    },
    paragraphs: function (part, subject) { var found = fieldOf(subject, part.field); return paragraphs(found[0][found[1]], part["class"], langOf(found[0], found[1])); },
    text: function (part, subject) { return el("p", { class: part["class"] }, partWords(part, subject)); },
    subheading: function (part, subject) { return el("h3", {}, partWords(part, subject)); },
    reflection: function (part, subject) { return this.reflection(subject.id, subject, part.text); },
    button: function (part, subject) {
      var self = this, move = this.moves[part.action];
      return el("button", { type: "button", class: "ek-btn" + (part["class"] ? " " + part["class"] : ""), text: partText(part, subject), onclick: function () { move.call(self); } });
    },
    choices: function (part, subject) {
      var self = this;
      return el("ul", { class: "ek-choices", "aria-label": part.label }, this.offered(subject.id).map(function (choice) {
        return el("li", {}, [el("button", { type: "button", class: "ek-btn ek-choice-btn", onclick: function () { self.choose(choice); } }, [shown(choice, "label")])]);
      }));
    },
    views: function (part, choice) {
      var data = this.data;
      return el("ul", { class: "ek-views" }, sides(data).map(function (side) {
        var v = choice.views[side[0]];
        return el("li", { class: "ek-view" }, [
          el("strong", { text: fill(part.side, { side: side[1] }) }), document.createTextNode(" "), shown(v, "text"), document.createTextNode(" "),
          el("span", { class: "ek-lean ek-lean-" + (v.lean + 2), text: fill(part.lean, { lean: signed(data, v.lean), meaning: leanWord(data, v.lean) }) })
        ]);
      }));
    },
    codes: function (part, choice) {
      var data = this.data, j = this.jurisdiction;
      var place = data.jurisdictions.filter(function (x) { return x.id === j; })[0] || data.jurisdictions[0];
      // Until the end, the learner sees the clauses and law that bear on a choice, not which it honours
      // or strains: that is a verdict, shown at once only in projection mode.
      var groups = choice.panel[this.projection ? "open" : "held"];
      return el("section", { class: "ek-codes", "aria-label": part.title }, [el("h3", { text: part.title })].concat(panelParts(data, groups, choice, place)));
    },
    clauses: function (part, end) { return el("p", { text: fill(part.text, { clauses: clauseList(this.data, end.clauses) }) }); },
    law: function (part, end) { return el("section", { class: "ek-codes ek-ending-law", "aria-label": part.title }, [el("h3", { text: part.title })].concat(panelParts(this.data, end.law, end, null))); },
    aside: function (part, subject) {
      var found = fieldOf(subject, part.field);
      return el("aside", { class: "ek-self-care" }, [el("h3", { text: part.title })].concat(paragraphs(found[0][found[1]], null, langOf(found[0], found[1]))));
    },
    summary: function (part) {
      var data = this.data, self = this;
      var rows = this.steps.map(function (s) {
        // Which sentence says what the choice does to the codes is the payload's (export.summary_verdict).
        var verdict = s.choice.verdict;
        var codes = verdict ? fill(part[verdict], { honoured: clauseList(data, s.choice.honours), strained: clauseList(data, s.choice.strains) }) : "";
        var label = el("th", { scope: "row" }, sentenceNodes(fill(part.row, { decision: self.nodes[s.node].title }), { choice: shown(s.choice, "label") }));
        if (codes) label.appendChild(el("span", { class: "ek-summary-codes", text: codes }));
        return el("tr", {}, [label].concat(sides(data).map(function (side) {
          var view = s.choice.views[side[0]], lean = view.lean;
          return el("td", {}, [
            el("span", { class: "ek-bar ek-bar-" + (lean + 2), "aria-hidden": "true" }),
            el("span", { class: "ek-summary-lean", text: fill(part.lean, { lean: signed(data, lean), meaning: leanWord(data, lean) }) }),
            el("span", { class: "ek-summary-view", text: view.text, lang: langOf(view, "text") })
          ]);
        })));
      });
      var head = el("tr", {}, [el("th", { scope: "col", text: part.column })].concat(sides(data).map(function (s) { return el("th", { scope: "col", text: s[1] }); })));
      return el("table", { class: "ek-summary-table" }, [el("caption", { text: part.caption }), el("thead", {}, [head]), el("tbody", {}, rows)]);
    },
    map: function (part) {
      var drawn = this.drawPath();
      return drawn ? el("figure", { class: "ek-diagram ek-path-map" }, [
        el("div", { class: "ek-diagram-scroll", tabindex: "0", role: "region", "aria-label": part.label }, [drawn]),
        el("figcaption", { text: part.caption })
      ]) : [];
    }
  };

  /** A reflection box; `entry` is the node or ending whose `prompt` it asks, `label` its label's message. */
  P.reflection = function (key, entry, label) {
    var prompt = entry.prompt;
    var self = this, id = "ek-r-" + (++uid), dilemmaId = this.data.id;
    function storedText() { var e = loadStore().dilemmas[dilemmaId]; return e && e.reflections[key] ? e.reflections[key].text : ""; }
    // `base` is the text this tab last read or wrote. If the stored text has moved on since (another
    // tab wrote it), this tab does not write over it: it says so and keeps its own text on screen.
    var base = storedText();
    var status = el("p", { class: "ek-saved", "aria-live": "polite" });
    var area = el("textarea", { id: id, rows: "4", oninput: function () {
      var s = loadStore(), entry = self.entry(s), stored = entry.reflections[key] ? entry.reflections[key].text : "";
      if (stored !== base) {
        status.textContent = _("Not saved: this reflection was changed in another tab or window, and that text is kept. Copy yours, then reload the page to see both.");
        return;
      }
      entry.reflections[key] = { prompt: prompt, text: area.value, updated: today() };
      entry.updated = today();
      var failed = saveStore(s);
      if (!failed) base = area.value;
      status.textContent = failed ? notSaved(failed) : _("Saved on this device.");
    } });
    area.value = base;
    // Another tab saved: show its text here too, unless this tab holds unsaved words of its own.
    window.addEventListener("storage", function follow(event) {
      if (!area.isConnected) { window.removeEventListener("storage", follow); return; }
      if (event.key !== KEY || area.value !== base) return;
      base = area.value = storedText();
    });
    var boxLabel = el("label", { for: id }, sentenceNodes(label, { prompt: shown(entry, "prompt") }));
    return el("div", { class: "ek-reflection" }, [boxLabel, area, status]);
  };

  // ---- the diagram -------------------------------------------------------------------------------
  // Until the learner reaches a first ending, the student edition's map shows only what they have met:
  // the decisions on their path and the choices they took there. After that it shows every branch.
  // The lecturer edition has no .ek-student-map and always shows everything.
  P.reveal = function () {
    var map = this.root.querySelector(".ek-student-map");
    if (!map) return;
    var entry = loadStore().dilemmas[this.data.id];
    var all = !!(entry && entry.finished) || !!this.endings[this.current()];
    var seen = {}, taken = {}, prefix = "ek-map-" + this.data.id + "-", idPrefix = "dilemma-" + this.data.id + "-";
    seen[this.data.start] = true;
    this.steps.forEach(function (s) { seen[s.node] = true; seen[s.choice.to] = true; taken[s.choice.id] = true; });
    function mark(node, shown) { node.classList.toggle("ek-unreached", !all && !shown); }
    map.querySelectorAll("g.node").forEach(function (g) { mark(g, seen[g.id.slice(prefix.length)]); });
    map.querySelectorAll("g.edge").forEach(function (g) { mark(g, taken[g.id.slice(prefix.length)]); });
    map.querySelectorAll("g.cluster").forEach(function (g) { mark(g, false); });
    map.querySelectorAll(".ek-branch").forEach(function (item) {
      var cls = [].filter.call(item.classList, function (c) { return c.slice(0, 5) === "ek-c-"; })[0] || "";
      mark(item.closest("li") || item, taken[cls.slice(5)]);
    });
    [].forEach.call(this.root.children, function (child) {
      if (child.matches("section.ek-node, section.ek-ending")) mark(child, seen[child.id.slice(idPrefix.length)]);
    });
    this.root.querySelectorAll(".ek-choice").forEach(function (item) {
      mark(item.closest("li") || item, taken[item.id.slice(idPrefix.length)]);
    });
  };

  // The diagram again, with the learner's path in heavy lines and shaded boxes. Styles are written onto
  // the drawing itself, so the same picture goes into the exported record.
  P.drawPath = function () {
    var source = this.root.querySelector(".ek-diagram-svg");
    if (!source) return null;
    var svg = /** @type {SVGSVGElement} */ (source.cloneNode(true)), prefix = "ek-map-" + this.data.id + "-";
    var on = {}, self = this;
    on[this.data.start] = true;
    this.steps.forEach(function (s) { on[s.node] = true; on[s.choice.to] = true; on[s.choice.id] = true; });
    svg.querySelectorAll("g.node, g.edge").forEach(function (g) {
      var isNode = g.classList.contains("node");
      if (on[g.id.slice(prefix.length)]) g.querySelectorAll("path, polygon").forEach(function (shape) {
        shape.setAttribute("stroke-width", isNode ? "4" : "5");
        if (isNode && shape.getAttribute("fill") !== "none") shape.setAttribute("fill", "#d9d9d9");
      });
      g.querySelectorAll("text").forEach(function (t) { if (on[g.id.slice(prefix.length)]) t.setAttribute("font-weight", "bold"); });
    });
    svg.querySelectorAll(".ek-unreached").forEach(function (g) { g.classList.remove("ek-unreached"); });
    svg.querySelectorAll("a").forEach(function (a) {
      while (a.firstChild) a.parentNode.insertBefore(a.firstChild, a);
      a.remove();
    });
    svg.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    ["aria-labelledby", "role", "class"].forEach(function (name) { svg.removeAttribute(name); });
    svg.setAttribute("class", "ek-diagram-svg ek-path-svg");
    var path = listed(this.steps.map(function (s) { return _("{decision}: {choice}", { decision: self.nodes[s.node].title, choice: s.choice.label }); }));
    var end = this.endings[this.current()];
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", end ? _("Your path on the map of every branch: {path}; then {ending}", { path: path, ending: end.heading })
      : _("Your path on the map of every branch: {path}", { path: path }));
    return svg;
  };

  function start() {
    document.querySelectorAll(".ek-dilemma").forEach(function (root) {
      var script = root.querySelector("script.ek-dilemma-data");
      if (script) new Player(root, JSON.parse(script.textContent || "{}"));
    });
  }
  // Shared with the worksheet and the reflections page, which load after this script.
  window.FirstLoyalty = {
    storageKey: KEY, format: FORMAT, load: loadStore, read: readStore, save: saveStore, clear: clearStore,
    empty: emptyStore, problem: storeProblem, problemText: problemText, notSaved: notSaved, listed: listed, validDilemma: validDilemma,
    validWorksheet: validWorksheet, today: today, el: el, words: words
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
