// @ts-check
// First Loyalty "My reflections" page: lists, exports and imports what the dilemma player and the
// worksheet saved in this browser. Loaded only on that page; storage comes from the player script.
(function () {
  "use strict";
  var store = window.FirstLoyalty;
  if (!store) return;
  var loadStore = store.load, saveStore = store.save, today = store.today, el = store.el;
  // The page's words (see words.js), through the player script; `listed` joins a list as the language does.
  var _ = store.words._, n_ = store.words.n_, listed = store.listed;
  // Stored days are ISO ("2026-12-05"), so they sort and merge; every export and list shows them as the
  // language writes dates, the same text as Python's records and the widget (words.js; tested).
  var written = store.words.date || function (day) { return day; };
  // The completed worksheet's layout, which Python writes (worksheet.py) and the page carries.
  var worksheetLayout = store.words.layout ? store.words.layout("worksheet") : null;
  // The download's own layout (reflections.py), carried the same way.
  var reflectionsLayout = store.words.layout ? store.words.layout("reflections") : null;
  /** Today, written as the language writes dates. */
  function writtenToday() { return written(today()); }
  var uid = 0;
  // An import file is a few kilobytes per dilemma; anything far larger is not one.
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;
  // The same rule as the content checker: reflections are plain text, never markup or script links.
  var MARKUP = /<\/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>|<!--|&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|(\]\s*\(\s*<?|<)\s*(javascript|vbscript|data)\s*:/i;

  function svgData(svg) { return "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg))); }

  /** A step of a stored path: "Decision 2: the choice", or "2. the choice" for a path stored without titles. */
  function stepText(p, i) {
    return p.title ? _("{decision}: {choice}", { decision: p.title, choice: p.label }) : _("{number}. {choice}", { number: i + 1, choice: p.label });
  }

  // ---- the "My reflections" page -------------------------------------------------------------------
  // The download is written in the one layout Python writes it in (reflections.py), which the page
  // carries: this only fills it in, so the export here and the widget's are the same text (tested).
  function markdown(store) {
    var out = [fillPieces(reflectionsLayout.head, { date: writtenToday() })];
    Object.keys(store.dilemmas).sort().forEach(function (id) {
      out.push(fillPieces(reflectionsLayout.dilemma, dilemmaMarkdownValues(id, store.dilemmas[id])));
    });
    // A worksheet is written in the one layout Python writes it in (worksheet.py), which the page carries.
    var sheets = store.worksheets || {};
    if (worksheetLayout) {
      Object.keys(sheets).sort().forEach(function (id) {
        var w = sheets[id];
        out.push(fillWorksheet(worksheetLayout, w.title, w.answers, written(w.updated)) + "\n");
      });
    }
    return out.join("").replace(/\n$/, "");
  }

  /** Pieces of a layout filled in with these values, exactly as reflections.py's `fill` does. */
  function fillPieces(pieces, values) {
    return pieces.map(function (piece) {
      if (typeof piece === "string") return piece;
      if (piece.slot) return String(values[piece.slot]);
      if (piece["if"]) return fillPieces(values[piece["if"]] ? piece.then : piece["else"], values);
      return values[piece.each].map(function (item) { return fillPieces(piece.pieces, item); }).join("");
    }).join("");
  }

  /** What fills a dilemma's layout, worked out as reflections.py's `dilemma_values` does. */
  function dilemmaMarkdownValues(id, e) {
    return {
      title: e.title, date: written(e.updated), id: id, path: e.path.map(stepText).join(" → "),
      ending: e.ending ? e.ending.title : "", pathMap: e.ending && e.pathMap ? svgData(e.pathMap) : "",
      clauses: listed(entryClauses(e)),
      reflections: Object.keys(e.reflections).map(function (k) { return e.reflections[k]; }).filter(function (r) { return r.text; })
    };
  }

  /** The worksheet's layout filled in, exactly as worksheet.py's `fill` does; the text ends in one line end. */
  function fillWorksheet(layout, title, answers, date) {
    var values = { title: title, date: date };
    return layout.pieces.map(function (piece) {
      if (typeof piece === "string") return piece;
      if (piece.slot) return values[piece.slot];
      // ASCII white space only, as worksheet.py trims it (String.trim takes more than Python's strip).
      return (answers[piece.answer] || "").replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "") || layout.notWritten;
    }).join("").replace(/\n$/, "");
  }

  /** Join two texts without losing either: the imported one is added below, marked, unless already there. */
  function joined(mine, theirs) {
    if (!theirs || mine.indexOf(theirs) >= 0) return mine;
    return mine ? mine + "\n\n" + _("(imported) {text}", { text: theirs }) : theirs;
  }

  // Merging never drops what is stored: new items are added, differing texts are kept side by side,
  // and a newer imported path is taken with the stored one kept under earlierPaths.
  function merge(store, incoming) {
    store.worksheets = store.worksheets || {};
    Object.keys(incoming.worksheets || {}).forEach(function (id) {
      var theirs = incoming.worksheets[id], mine = store.worksheets[id];
      if (!mine) { store.worksheets[id] = theirs; return; }
      Object.keys(theirs.answers).forEach(function (k) { mine.answers[k] = joined(mine.answers[k] || "", theirs.answers[k]); });
      if (theirs.updated > mine.updated) mine.updated = theirs.updated;
      if (!mine.steps && theirs.steps) mine.steps = theirs.steps;
    });
    Object.keys(incoming.dilemmas || {}).forEach(function (id) {
      var theirs = incoming.dilemmas[id], mine = store.dilemmas[id];
      if (!mine) { store.dilemmas[id] = theirs; return; }
      mine.finished = mine.finished || theirs.finished;
      Object.keys(theirs.reflections || {}).forEach(function (k) {
        var a = mine.reflections[k], b = theirs.reflections[k];
        if (!a) mine.reflections[k] = b;
        else a.text = joined(a.text, b.text);
      });
      if (theirs.updated > mine.updated && theirs.path.length) {
        mine.earlierPaths = (mine.earlierPaths || []).concat([mine.path]);
        mine.path = theirs.path; mine.ending = theirs.ending; mine.updated = theirs.updated; mine.pathMap = theirs.pathMap;
      }
    });
    return store;
  }

  /** The path of the first text in `data` that carries markup ("" when it is the whole file), or null. */
  function markupAt(data, where) {
    if (typeof data === "string") return MARKUP.test(data) ? where : null;
    if (data && typeof data === "object") {
      var keys = Object.keys(data);
      for (var i = 0; i < keys.length; i++) {
        var found = MARKUP.test(keys[i]) ? where + "." + keys[i] : markupAt(data[keys[i]], where ? where + "." + keys[i] : keys[i]);
        if (found !== null) return found;
      }
    }
    return null;
  }

  /** Read an import file's text: { store } to merge, or { error } saying why nothing is imported. */
  function parseImport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: _("That file is not valid JSON, so it is not an export of reflections. Nothing was imported.") }; }
    if (data && typeof data === "object" && !Array.isArray(data) && data.version === undefined && data.dilemmas === undefined) {
      data = { version: 1, dilemmas: data }; // the first export format: dilemmas only, no version
    }
    // The picture of a path on the map is drawing, not text: it is never imported (the player draws it
    // again at the next ending), so the markup check below can stay strict for everything else.
    if (data && data.dilemmas && typeof data.dilemmas === "object") {
      Object.keys(data.dilemmas).forEach(function (id) { if (data.dilemmas[id] && typeof data.dilemmas[id] === "object") delete data.dilemmas[id].pathMap; });
    }
    var problem = store.problem(data);
    if (problem === "future") {
      return { error: _("That file was exported by a newer version of First Loyalty (format {found}; this page reads format {reads}). Nothing was imported: open it with the newer version.", { found: data.version, reads: store.format }) };
    }
    if (problem) return { error: _("That file is not an export of First Loyalty reflections. Nothing was imported.") };
    var marked = markupAt(data, "");
    if (marked === "") return { error: _("That file is HTML or a script link, which reflections never contain. Nothing was imported.") };
    if (marked !== null) return { error: _("That file holds HTML or a script link (in {place}), which reflections never contain. Nothing was imported.", { place: marked }) };
    return { store: data };
  }

  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }

  function reflectionsPage(root) {
    var list = el("div", { class: "ek-reflection-list" }), status = el("p", { role: "status", class: "ek-saved" });
    function pathLine(e) {
      var path = e.path.map(function (p) { return p.label; }).join(" → ");
      if (!path) return _("Path: not started");
      return e.ending ? _("Path: {path} (ending: {ending})", { path: path, ending: e.ending.title }) : _("Path: {path}", { path: path });
    }
    function pathAlt(e) {
      var steps = e.path.map(function (p) { return p.title ? _("{decision}: {choice}", { decision: p.title, choice: p.label }) : p.label; });
      return _("Your path drawn on the map of every branch: {path}; then ending: {ending}", { path: listed(steps), ending: e.ending.title });
    }
    function show() {
      var store = loadStore(), ids = Object.keys(store.dilemmas).sort(), sheets = store.worksheets || {};
      list.textContent = "";
      Object.keys(sheets).sort().forEach(function (id) {
        var w = sheets[id];
        list.appendChild(el("section", { class: "ek-reflection-entry" }, [el("h2", { text: _("Worksheet: {title}", { title: w.title }) }), el("p", { class: "ek-muted", text: _("Last updated {date}", { date: written(w.updated) }) }),
          el("ul", {}, (w.steps || []).filter(function (st) { return w.answers[st[1]]; }).map(function (st) { return el("li", {}, [el("strong", { text: st[0] }), el("p", { text: w.answers[st[1]] })]); }))]));
      });
      if (!ids.length && !Object.keys(sheets).length) list.appendChild(el("p", { class: "ek-muted", text: _("No reflections yet. Work through a dilemma and write at its prompts.") }));
      ids.forEach(function (id) {
        var e = store.dilemmas[id];
        var items = Object.keys(e.reflections).filter(function (k) { return e.reflections[k].text; }).map(function (k) {
          return el("li", {}, [el("strong", { text: e.reflections[k].prompt }), el("p", { text: e.reflections[k].text })]);
        });
        list.appendChild(el("section", { class: "ek-reflection-entry" }, [
          el("h2", { text: e.title }),
          el("p", { text: pathLine(e) }),
          e.ending && e.pathMap ? el("img", { class: "ek-path-image", src: svgData(e.pathMap), alt: pathAlt(e) }) : null,
          el("p", { class: "ek-muted", text: _("Last updated {date}", { date: written(e.updated) }) }),
          el("ul", {}, items)
        ]));
      });
    }
    var fileId = "ek-import-" + (++uid);
    var input = el("input", { type: "file", id: fileId, accept: "application/json,.json", onchange: function () {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      if (file.size > MAX_IMPORT_BYTES) {
        status.textContent = _("That file is larger than 5 MB, far larger than any export of reflections. Nothing was imported.");
        return;
      }
      file.text().then(function (text) {
        var parsed = parseImport(text);
        if (parsed.error) { status.textContent = parsed.error; return; }
        var incoming = parsed.store, failed = saveStore(merge(loadStore(), incoming));
        if (failed) { status.textContent = _("Nothing was imported. {reason}", { reason: store.problemText(failed) }); return; }
        var sheets = Object.keys(incoming.worksheets || {}).length, dilemmas = Object.keys(incoming.dilemmas).length;
        var merged = n_("{count} dilemma", "{count} dilemmas", dilemmas), worksheets = n_("{count} worksheet", "{count} worksheets", sheets);
        status.textContent = sheets
          ? _("Imported and merged {dilemmas} and {worksheets}; nothing already here was overwritten.", { dilemmas: merged, worksheets: worksheets })
          : _("Imported and merged {dilemmas}; nothing already here was overwritten.", { dilemmas: merged });
        show();
      }).catch(function () { status.textContent = _("That file could not be read. Nothing was imported."); });
    } });
    var notice = el("div", { class: "ek-store-notice", role: "alert" });
    function showProblem() {
      var state = store.read();
      notice.textContent = "";
      if (!state.problem) return;
      notice.appendChild(el("p", { text: store.problemText(state.problem) }));
      if (state.raw !== null) {
        notice.appendChild(el("button", { type: "button", class: "ek-btn", text: _("Download the stored data as it is"), onclick: function () {
          download("first-loyalty-stored-data.txt", "text/plain", store.read().raw || "");
        } }));
      }
    }
    var shapes = shapesIn(root);
    root.textContent = "";
    root.appendChild(el("div", { class: "ek-toolbar" }, [
      el("button", { type: "button", class: "ek-btn", text: _("Download as Markdown"), onclick: function () { download("first-loyalty-reflections.md", "text/markdown", markdown(loadStore())); } }),
      el("button", { type: "button", class: "ek-btn", text: _("Download as JSON"), onclick: function () { download("first-loyalty-reflections.json", "application/json", JSON.stringify(loadStore(), null, 2)); } }),
      el("label", { for: fileId, text: _("Import JSON:") }), document.createTextNode(" "), input,
      el("button", { type: "button", class: "ek-btn", text: _("Clear all"), onclick: function () {
        if (window.confirm(_("Delete every reflection saved in this browser? This cannot be undone."))) {
          status.textContent = store.clear() || _("All reflections deleted."); showProblem(); show();
        }
      } })
    ]));
    if (shapes.length) {
      // Records in a regulator's shape: one choice of shape, then Markdown or plain text.
      var shapeId = "ek-record-shape-" + (++uid);
      var chooser = el("select", { id: shapeId }, shapes.map(function (shape) { return el("option", { value: shape.id, text: shape.title }); }));
      var chosen = function () { return shapes.filter(function (shape) { return shape.id === chooser.value; })[0]; };
      var save = function (ending, type, render) {
        var shape = chosen();
        download("first-loyalty-" + shape.filename + ending, type, render(shape, loadStore(), writtenToday()));
      };
      root.appendChild(el("div", { class: "ek-toolbar ek-records" }, [
        el("label", { for: shapeId, text: _("Record for your regulator or ASYE:") }), document.createTextNode(" "), chooser,
        el("button", { type: "button", class: "ek-btn", text: _("Download record as Markdown"), onclick: function () { save(".md", "text/markdown", recordMarkdown); } }),
        el("button", { type: "button", class: "ek-btn", text: _("Download record as text"), onclick: function () { save(".txt", "text/plain", recordText); } })
      ]));
    }
    root.appendChild(notice);
    root.appendChild(status);
    root.appendChild(list);
    showProblem();
    show();
    window.addEventListener("storage", function (event) { if (event.key === store.storageKey) { showProblem(); show(); } });
  }

  // ---- records in the regulators' shapes ---------------------------------------------------------
  // The shapes come from ethicskit/records.py with the page; this fills them exactly as that module
  // does, so the page and `ethicskit export record` give the same Markdown and text (tested).
  var KIT = "First Loyalty"; // the kit's name, the same in every language
  /** What marks an answer the learner still has to write. */
  function toComplete() { return _("To complete"); }
  /** A list of choices in the order they were made: "a; then b; then c". */
  function inTurn(items) {
    return items.reduce(function (sofar, item) { return sofar === null ? item : _("{earlier}; then {later}", { earlier: sofar, later: item }); }, null) || "";
  }
  /** Reflection prompts are quoted above what was written at them. */
  function quoted(text) { return _("\u201c{text}\u201d", { text: text }); }

  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }); }

  /** The clauses a stored path and its ending cite, each once, in the order they were met. */
  function entryClauses(e) {
    var clauses = [];
    e.path.forEach(function (p) { clauses = clauses.concat(p.clauses || []); });
    if (e.ending) clauses = clauses.concat(e.ending.clauses || []);
    return unique(clauses);
  }

  function dilemmaValues(e) {
    var activity, choices = inTurn(e.path.map(function (p) { return p.label; }));
    if (e.path.length && e.ending) {
      activity = _("Worked through the interactive dilemma \u201c{title}\u201d in {kit}, an open course kit on social work ethics. Choices: {choices}. Ending reached: {ending}.", { title: e.title, kit: KIT, choices: choices, ending: e.ending.title });
    } else if (e.path.length) {
      activity = _("Worked through the interactive dilemma \u201c{title}\u201d in {kit}, an open course kit on social work ethics. Choices: {choices}.", { title: e.title, kit: KIT, choices: choices });
    } else {
      activity = _("Started the interactive dilemma \u201c{title}\u201d in {kit}, an open course kit on social work ethics.", { title: e.title, kit: KIT });
    }
    var learning = Object.keys(e.reflections).map(function (k) { return e.reflections[k]; })
      .filter(function (r) { return r.text.trim(); })
      .map(function (r) { return quoted(r.prompt) + "\n\n" + r.text.trim(); });
    return {
      title: _("Ethical dilemma: {title} ({kit})", { title: e.title, kit: KIT }),
      date: written(e.updated),
      activity: activity,
      learning: learning.join("\n\n") || _("{to_complete}: nothing was written at the dilemma's prompts.", { to_complete: toComplete() }),
      clauses: listed(entryClauses(e)) || _("None recorded.")
    };
  }

  function worksheetValues(w) {
    var learning = (w.steps || []).filter(function (st) { return (w.answers[st[1]] || "").trim(); })
      .map(function (st) { return st[0] + "\n\n" + w.answers[st[1]].trim(); });
    return {
      title: _("Ethical-reasoning worksheet: {title} ({kit})", { title: w.title, kit: KIT }),
      date: written(w.updated),
      activity: _("Worked through {kit}'s ethical-reasoning worksheet on \u201c{title}\u201d, step by step.", { title: w.title, kit: KIT }),
      learning: learning.join("\n\n") || _("{to_complete}: no step of the worksheet was written.", { to_complete: toComplete() }),
      clauses: _("See the worksheet's step on relevant clauses.")
    };
  }

  function fill(shape, values) {
    return shape.fields.map(function (f) {
      return [f.label, f.parts.map(function (part) {
        var at = part.indexOf(":"), kind = at < 0 ? part : part.slice(0, at), text = at < 0 ? "" : part.slice(at + 1);
        if (kind === "fixed") return text;
        if (kind === "complete") return _("{to_complete}: {text}", { to_complete: toComplete(), text: text });
        return values[kind];
      }).join("\n\n")];
    });
  }

  function recordEntries(shape, s) {
    var sheets = s.worksheets || {};
    return Object.keys(s.dilemmas).sort().map(function (id) { return { heading: s.dilemmas[id].title, answers: fill(shape, dilemmaValues(s.dilemmas[id])) }; })
      .concat(Object.keys(sheets).sort().map(function (id) { return { heading: _("Worksheet: {title}", { title: sheets[id].title }), answers: fill(shape, worksheetValues(sheets[id])) }; }));
  }

  function preface(shape, exported) {
    var sources = shape.sources.map(function (src) { return _("{title}, {url} (seen {seen})", { title: src.title, url: src.url, seen: src.seen }); });
    return [
      shape.notEvidence,
      _("Exported {date} from {kit}. Complete every answer marked '{to_complete}' before you copy an entry into your record.", { date: exported, kit: KIT, to_complete: toComplete() }),
      _("About this shape: {verification}", { verification: shape.verification }),
      _("Checked against: {sources}.", { sources: listed(sources) })
    ];
  }

  function recordTitle(shape) { return _("{shape}: {kit}", { shape: shape.title, kit: KIT }); }

  function recordMarkdown(shape, s, exported) {
    var top = preface(shape, exported), out = ["# " + recordTitle(shape), "", "> **" + top[0] + "**", ""];
    top.slice(1).forEach(function (text) { out.push(text, ""); });
    recordEntries(shape, s).forEach(function (entry) {
      out.push("## " + entry.heading, "");
      entry.answers.forEach(function (a) { out.push("### " + a[0], "", a[1], ""); });
    });
    return out.join("\n");
  }

  function recordText(shape, s, exported) {
    var title = recordTitle(shape), out = [title, "=".repeat(title.length), ""];
    preface(shape, exported).forEach(function (text) { out.push(text, ""); });
    recordEntries(shape, s).forEach(function (entry) {
      out.push(entry.heading, "-".repeat(entry.heading.length), "");
      entry.answers.forEach(function (a) { out.push(a[0].toUpperCase(), a[1], ""); });
    });
    return out.join("\n");
  }

  /** The shapes the page was built with, read before the page's script replaces the placeholder. */
  function shapesIn(root) {
    var data = root.querySelector("script.ek-record-shapes");
    try { return data ? JSON.parse(data.textContent || "[]") : []; } catch (e) { return []; }
  }

  function start() { document.querySelectorAll(".ek-my-reflections").forEach(reflectionsPage); }
  window.FirstLoyaltyReflections = { markdown: markdown, fillWorksheet: fillWorksheet, recordMarkdown: recordMarkdown, recordText: recordText, merge: merge, parseImport: parseImport };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
