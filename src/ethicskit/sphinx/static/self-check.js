// @ts-check
// First Loyalty self-checks: each question listed on the page becomes a small form. The student picks an
// answer and presses Check; the feedback for the options chosen (already on the page, folded under
// "Answers and why") is copied into a live region, so it is read out. Answers are kept in this browser's
// storage under the kit's own key and are never sent anywhere.
(function () {
  "use strict";
  var KEY = "first-loyalty/self-checks/v1";
  // The page's words (see words.js); a page without them shows the messages as written.
  var _ = window.ethicskitWords ? window.ethicskitWords._ : function (message) { return message; };

  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; } }
  function save(all) { try { localStorage.setItem(KEY, JSON.stringify(all)); return true; } catch (e) { return false; } }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function SelfCheck(root) {
    var scope = root.id;
    var questions = root.querySelectorAll(".ek-sc-question");
    var answers = root.querySelectorAll(".ek-sc-answer");

    function stored(id) { var all = load(); return (all[scope] && all[scope][id]) || null; }
    function remember(id, entry) {
      var all = load();
      all[scope] = all[scope] || {};
      all[scope][id] = entry;
      return save(all);
    }

    Array.prototype.forEach.call(questions, function (question, index) {
      var answer = answers[index];
      if (!answer) return;
      var id = question.id;
      var prompt = question.querySelector(".ek-sc-prompt");
      var result = el("div", { class: "ek-sc-result", role: "status", "aria-live": "polite", id: id + "-result" });
      var fieldset = el("fieldset", { class: "ek-sc-form" }, [el("legend", { text: prompt ? prompt.textContent : "" })]);
      var feedback = answer.querySelectorAll(".ek-sc-feedback");

      function show(nodes, summary) {
        result.textContent = "";
        result.appendChild(el("p", { class: "ek-sc-summary", text: summary }));
        nodes.forEach(function (node) {
          var copy = /** @type {HTMLElement} */ (node.cloneNode(true));
          copy.removeAttribute("id");
          // The copy's tooltips need ids of their own, or two elements would share one.
          copy.querySelectorAll("[id]").forEach(function (inner) { inner.id = inner.id + "-" + id; });
          copy.querySelectorAll("[aria-describedby]").forEach(function (inner) {
            inner.setAttribute("aria-describedby", inner.getAttribute("aria-describedby") + "-" + id);
          });
          result.appendChild(copy);
        });
      }

      if (question.classList.contains("ek-sc-short-answer")) {
        var area = el("textarea", { id: id + "-text", rows: "4" });
        var saved = stored(id);
        if (saved && saved.text) area.value = saved.text;
        var compared = !!(saved && saved.compared);
        area.addEventListener("input", function () { remember(id, { text: area.value, compared: compared }); });
        fieldset.appendChild(el("label", { for: id + "-text", text: _("Your answer") }));
        fieldset.appendChild(area);
        fieldset.appendChild(el("button", { type: "button", class: "ek-sc-check", text: _("Compare with a model answer"), onclick: function () {
          compared = true;
          remember(id, { text: area.value, compared: true });
          show([feedback[0]], area.value.trim() ? _("Compare your answer with this one:") : _("A model answer (you can still write yours first):"));
        } }));
        if (saved && saved.compared) show([feedback[0]], _("Compare your answer with this one:"));
      } else {
        var multiple = question.classList.contains("ek-sc-multiple");
        var texts = question.querySelectorAll(".ek-sc-options > li");
        var inputs = [];
        Array.prototype.forEach.call(texts, function (item, n) {
          var inputId = id + "-option-" + n;
          var input = el("input", { type: multiple ? "checkbox" : "radio", name: id, id: inputId, value: String(n) });
          inputs.push(input);
          fieldset.appendChild(el("div", { class: "ek-sc-option" }, [input, el("label", { for: inputId, text: item.textContent.trim() })]));
        });
        var check = function () {
          var chosen = [];
          inputs.forEach(function (input, n) { if (input.checked) chosen.push(n); });
          if (!chosen.length) { result.textContent = _("Choose an answer first."); return; }
          var right = 0, wrongChosen = 0;
          Array.prototype.forEach.call(feedback, function (node, n) {
            var isRight = node.classList.contains("ek-sc-right");
            if (isRight) right += 1;
            if (chosen.indexOf(n) >= 0 && !isRight) wrongChosen += 1;
          });
          var all = chosen.length === right && wrongChosen === 0;
          var summary = all ? _("Right.") : wrongChosen ? _("Not quite: read why, then try again.") : _("Partly: there is more than one right answer.");
          show(chosen.map(function (n) { return feedback[n]; }).filter(Boolean), summary);
          remember(id, { chosen: chosen });
        };
        fieldset.appendChild(el("button", { type: "button", class: "ek-sc-check", text: _("Check"), onclick: check }));
        var before = stored(id);
        if (before && before.chosen) {
          before.chosen.forEach(function (n) { if (inputs[n]) inputs[n].checked = true; });
          check();
        }
      }
      fieldset.appendChild(result);
      question.appendChild(fieldset);
    });

    var forget = el("button", { type: "button", class: "ek-sc-forget", text: _("Forget my answers on this device"), onclick: function () {
      var all = load();
      delete all[scope];
      save(all);
      root.querySelectorAll("input").forEach(function (input) { /** @type {HTMLInputElement} */ (input).checked = false; });
      root.querySelectorAll("textarea").forEach(function (area) { /** @type {HTMLTextAreaElement} */ (area).value = ""; });
      root.querySelectorAll(".ek-sc-result").forEach(function (node) { node.textContent = ""; });
      status.textContent = _("Your answers to these questions were removed from this browser.");
    } });
    var status = el("p", { class: "ek-sc-status", role: "status", "aria-live": "polite" });
    root.insertBefore(el("div", { class: "ek-toolbar" }, [forget, status]), root.querySelector(".ek-folded"));
    root.classList.add("ek-sc-enhanced");
  }

  function start() { document.querySelectorAll(".ek-self-check").forEach(function (root) { SelfCheck(root); }); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
