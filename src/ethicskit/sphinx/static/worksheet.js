// @ts-check
// First Loyalty ethical-reasoning worksheet: the printable worksheet becomes a form that saves as you
// type. Answers join the dilemma reflections in this browser's storage and are exported with them.
(function () {
  "use strict";
  var OWN = "own-situation";

  var el; // the player's DOM helper, which puts every piece of content in as text
  var _; // the page's words (see words.js), through the player script

  function Worksheet(root, data, store) {
    var titles = {};
    titles[OWN] = _("A situation of my own");
    data.cases.forEach(function (c) { titles[c.id] = c.title; });
    var wanted = new URLSearchParams(window.location.search).get("case");
    var current = wanted && titles[wanted] ? wanted : OWN;
    var status = el("p", { class: "ek-saved", "aria-live": "polite" });
    var areas = {};
    // [heading, answer id] pairs, saved with the answers so the reflections page can list them and a
    // regulator's record can name them; the headings are Python's (worksheet.py), as every word here.
    var labels = [];
    data.steps.forEach(function (step) {
      step.fields.forEach(function (f) { labels.push([f.heading, f.id]); });
    });

    function entry(s) {
      s.worksheets = s.worksheets || {};
      if (!s.worksheets[current]) s.worksheets[current] = { title: titles[current], answers: {}, updated: store.today() };
      return s.worksheets[current];
    }
    // What this tab last read or wrote for each answer. Only the answer being typed is written, and
    // not over a newer text another tab saved, so two tabs never undo each other's work.
    var base = {};
    function storedAnswer(id) { var w = (store.load().worksheets || {})[current]; return w && w.answers[id] ? w.answers[id] : ""; }
    function fill() {
      var saved = (store.load().worksheets || {})[current];
      Object.keys(areas).forEach(function (id) { areas[id].value = base[id] = saved && saved.answers[id] ? saved.answers[id] : ""; });
      var problem = store.read().problem;
      status.textContent = problem ? store.problemText(problem) : saved ? _("Loaded your saved worksheet for this case.") : "";
    }
    function save(id) {
      var s = store.load(), e = entry(s);
      if ((e.answers[id] || "") !== base[id]) {
        status.textContent = _("Not saved: this answer was changed in another tab or window, and that text is kept. Copy yours, then reload the page to see both.");
        return;
      }
      e.answers[id] = areas[id].value;
      e.updated = store.today();
      e.steps = labels;
      var failed = store.save(s);
      if (!failed) base[id] = areas[id].value;
      status.textContent = failed ? store.notSaved(failed) : _("Saved on this device.");
    }
    window.addEventListener("storage", function (event) {
      if (event.key !== store.storageKey) return;
      Object.keys(areas).forEach(function (id) { if (areas[id].value === base[id]) areas[id].value = base[id] = storedAnswer(id); });
    });

    var select = el("select", { id: "ek-ws-case", onchange: function () { current = select.value; fill(); } },
      [el("option", { value: OWN, text: titles[OWN] })].concat(data.cases.map(function (c) { return el("option", { value: c.id, text: c.title }); })));
    select.value = current;
    var form = el("form", { class: "ek-worksheet-form", onsubmit: function (event) { event.preventDefault(); } }, [
      el("div", { class: "ek-toolbar" }, [el("label", { for: "ek-ws-case", text: _("Working on:") }), document.createTextNode(" "), select])
    ]);
    data.steps.forEach(function (step) {
      var group = el("fieldset", { class: "ek-worksheet-step" }, [
        el("legend", { text: step.heading }),
        el("p", { class: "ek-guidance", id: "ek-ws-help-" + step.id, text: step.guidance })
      ]);
      step.fields.forEach(function (field) {
        var id = "ek-ws-" + field.id;
        areas[field.id] = el("textarea", { id: id, rows: "4", "aria-describedby": "ek-ws-help-" + step.id, oninput: function () { save(field.id); } });
        group.appendChild(el("label", { for: id, text: field.label }));
        group.appendChild(areas[field.id]);
      });
      form.appendChild(group);
    });
    form.appendChild(status);
    root.querySelectorAll(".ek-worksheet-step").forEach(function (n) { n.remove(); });
    root.appendChild(form);
    fill();
  }

  function start() {
    var store = window.FirstLoyalty;
    if (store) { el = store.el; _ = store.words._; }
    document.querySelectorAll(".ek-worksheet").forEach(function (root) {
      var script = root.querySelector("script.ek-worksheet-data");
      if (script && store) new Worksheet(root, JSON.parse(script.textContent || "{}"), store);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
