// @ts-check
// First Loyalty "My reflections" page: lists, exports and imports what the dilemma player and the
// worksheet saved in this browser. Loaded only on that page; storage comes from the player script.
(function () {
  "use strict";
  var store = window.FirstLoyalty;
  if (!store) return;
  var loadStore = store.load, saveStore = store.save, emptyStore = store.empty, today = store.today, el = store.el;
  var uid = 0;

  function svgData(svg) { return "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg))); }

  // ---- the "My reflections" page -------------------------------------------------------------------
  function markdown(store) {
    var out = ["# My reflections: First Loyalty", "", "Exported " + today() + ". Laid out as evidence for a CPD record or ASYE portfolio.", ""];
    Object.keys(store.dilemmas).sort().forEach(function (id) {
      var e = store.dilemmas[id];
      out.push("## " + e.title, "", "- Date: " + e.updated, "- Dilemma: " + id);
      out.push("- Path: " + (e.path.length ? e.path.map(function (p, i) { return (p.title || String(i + 1) + ".") + (p.title ? ": " : " ") + p.label; }).join(" → ") : "not started"));
      if (e.ending) out.push("- Ending: " + e.ending.title);
      // The path drawn on the map of every branch, as the player showed it at the ending.
      if (e.ending && e.pathMap) out.push("", "![Your path drawn on the map of every branch](" + svgData(e.pathMap) + ")", "");
      var clauses = [];
      e.path.forEach(function (p) { clauses = clauses.concat(p.clauses || []); });
      if (e.ending) clauses = clauses.concat(e.ending.clauses || []);
      out.push("- Clauses: " + (clauses.filter(function (c, i) { return clauses.indexOf(c) === i; }).join("; ") || "none"), "");
      Object.keys(e.reflections).forEach(function (k) {
        var r = e.reflections[k];
        if (r.text) out.push("### " + r.prompt, "", r.text, "");
      });
    });
    var sheets = store.worksheets || {};
    Object.keys(sheets).sort().forEach(function (id) {
      var w = sheets[id];
      out.push("## Worksheet: " + w.title, "", "- Date: " + w.updated, "");
      (w.steps || []).forEach(function (step) { out.push("### " + step[0], "", w.answers[step[1]] || "(not written)", ""); });
    });
    return out.join("\n");
  }

  function merge(store, incoming) {
    store.worksheets = store.worksheets || {};
    Object.keys(incoming.worksheets || {}).forEach(function (id) {
      var theirs = incoming.worksheets[id], mine = store.worksheets[id];
      if (!mine || theirs.updated > mine.updated) store.worksheets[id] = theirs;
    });
    Object.keys(incoming.dilemmas || {}).forEach(function (id) {
      var theirs = incoming.dilemmas[id], mine = store.dilemmas[id];
      if (!mine) { store.dilemmas[id] = theirs; return; }
      mine.finished = mine.finished || theirs.finished;
      Object.keys(theirs.reflections || {}).forEach(function (k) {
        var a = mine.reflections[k], b = theirs.reflections[k];
        if (!a) mine.reflections[k] = b;
        else if (b && b.text && a.text.indexOf(b.text) < 0) a.text = a.text + "\n\n(imported) " + b.text;
      });
      if (theirs.updated > mine.updated && theirs.path.length) {
        mine.earlierPaths = (mine.earlierPaths || []).concat([mine.path]);
        mine.path = theirs.path; mine.ending = theirs.ending; mine.updated = theirs.updated; mine.pathMap = theirs.pathMap;
      }
    });
    return store;
  }

  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }

  function reflectionsPage(root) {
    var list = el("div", { class: "ek-reflection-list" }), status = el("p", { role: "status", class: "ek-saved" });
    function show() {
      var store = loadStore(), ids = Object.keys(store.dilemmas).sort(), sheets = store.worksheets || {};
      list.textContent = "";
      Object.keys(sheets).sort().forEach(function (id) {
        var w = sheets[id];
        list.appendChild(el("section", { class: "ek-reflection-entry" }, [el("h2", { text: "Worksheet: " + w.title }), el("p", { class: "ek-muted", text: "Last updated " + w.updated }),
          el("ul", {}, (w.steps || []).filter(function (st) { return w.answers[st[1]]; }).map(function (st) { return el("li", {}, [el("strong", { text: st[0] }), el("p", { text: w.answers[st[1]] })]); }))]));
      });
      if (!ids.length && !Object.keys(sheets).length) list.appendChild(el("p", { class: "ek-muted", text: "No reflections yet. Work through a dilemma and write at its prompts." }));
      ids.forEach(function (id) {
        var e = store.dilemmas[id];
        var items = Object.keys(e.reflections).filter(function (k) { return e.reflections[k].text; }).map(function (k) {
          return el("li", {}, [el("strong", { text: e.reflections[k].prompt }), el("p", { text: e.reflections[k].text })]);
        });
        list.appendChild(el("section", { class: "ek-reflection-entry" }, [
          el("h2", { text: e.title }),
          el("p", { text: "Path: " + (e.path.map(function (p) { return p.label; }).join(" → ") || "not started") + (e.ending ? " (ending: " + e.ending.title + ")" : "") }),
          e.ending && e.pathMap ? el("img", { class: "ek-path-image", src: svgData(e.pathMap), alt: "Your path drawn on the map of every branch: " + e.path.map(function (p) { return (p.title ? p.title + ": " : "") + p.label; }).join("; ") + "; then ending: " + e.ending.title }) : null,
          el("p", { class: "ek-muted", text: "Last updated " + e.updated }),
          el("ul", {}, items)
        ]));
      });
    }
    var fileId = "ek-import-" + (++uid);
    var input = el("input", { type: "file", id: fileId, accept: "application/json,.json", onchange: function () {
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var incoming = JSON.parse(text);
        saveStore(merge(loadStore(), incoming.version === 1 ? incoming : { dilemmas: incoming }));
        status.textContent = "Imported and merged " + Object.keys(incoming.dilemmas || incoming).length + " dilemma(s).";
        show();
      }).catch(function () { status.textContent = "That file could not be read as exported reflections."; });
    } });
    root.textContent = "";
    root.appendChild(el("div", { class: "ek-toolbar" }, [
      el("button", { type: "button", class: "ek-btn", text: "Download as Markdown", onclick: function () { download("first-loyalty-reflections.md", "text/markdown", markdown(loadStore())); } }),
      el("button", { type: "button", class: "ek-btn", text: "Download as CPD record", onclick: function () { download("first-loyalty-cpd-record.md", "text/markdown", cpdRecord(loadStore())); } }),
      el("button", { type: "button", class: "ek-btn", text: "Download as JSON", onclick: function () { download("first-loyalty-reflections.json", "application/json", JSON.stringify(loadStore(), null, 2)); } }),
      el("label", { for: fileId, text: "Import JSON: " }), input,
      el("button", { type: "button", class: "ek-btn", text: "Clear all", onclick: function () {
        if (window.confirm("Delete every reflection saved in this browser? This cannot be undone.")) { saveStore(emptyStore()); status.textContent = "All reflections deleted."; show(); }
      } })
    ]));
    root.appendChild(status);
    root.appendChild(list);
    show();
  }

  // A CPD record: one entry per activity, with the headings a practitioner fills in for their regulator.
  function cpdRecord(s) {
    var out = ["# CPD record: First Loyalty", "", "Exported " + today() + ". Complete the lines marked 'To complete' before adding an entry to your record.", ""];
    Object.keys(s.dilemmas).sort().forEach(function (id) {
      var e = s.dilemmas[id], clauses = [];
      e.path.forEach(function (p) { clauses = clauses.concat(p.clauses || []); });
      if (e.ending) clauses = clauses.concat(e.ending.clauses || []);
      out.push("## " + e.updated + ": worked through the dilemma \u201c" + e.title + "\u201d", "",
        "- Type of activity: structured ethical rehearsal (self-directed learning)",
        "- What I did: " + (e.path.length ? e.path.map(function (p) { return p.label; }).join("; then ") : "started the dilemma") + (e.ending ? " (ending: " + e.ending.title + ")" : ""),
        "- Standards and codes it relates to: " + (clauses.filter(function (c, i) { return clauses.indexOf(c) === i; }).join("; ") || "none recorded"));
      Object.keys(e.reflections).forEach(function (k) { var r = e.reflections[k]; if (r.text) out.push("- What I learned (" + r.prompt + "): " + r.text); });
      out.push("- How this will change my practice: To complete", "- Discussed with a peer or supervisor: To complete", "");
    });
    var sheets = s.worksheets || {};
    Object.keys(sheets).sort().forEach(function (id) {
      var w = sheets[id];
      out.push("## " + w.updated + ": ethical-reasoning worksheet on \u201c" + w.title + "\u201d", "", "- Type of activity: structured reflection on a practice dilemma");
      (w.steps || []).forEach(function (st) { if (w.answers[st[1]]) out.push("- " + st[0] + ": " + w.answers[st[1]]); });
      out.push("- How this will change my practice: To complete", "- Discussed with a peer or supervisor: To complete", "");
    });
    return out.join("\n");
  }


  function start() { document.querySelectorAll(".ek-my-reflections").forEach(reflectionsPage); }
  window.FirstLoyaltyReflections = { markdown: markdown, cpdRecord: cpdRecord, merge: merge };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
