// @ts-check
// First Loyalty room tally: a projector view of a dilemma. The lecturer reveals the choices, enters the
// show of hands (or imports students' exported paths) and the room sees how it chose. No server: the
// tally is kept in this browser and can be downloaded as CSV.
(function () {
  "use strict";
  var KEY = "first-loyalty/tally/v1";

  var el; // the player's DOM helper, which puts every piece of content in as text
  var _, n_; // the page's words (see words.js), through the player script
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; } }
  function save(all) { try { localStorage.setItem(KEY, JSON.stringify(all)); return true; } catch (e) { return false; } }
  // (Regular expressions stand on their own line: the word-catalogue extractor reads a "/" after
  // "return" as division, and would then take the quote inside it for the start of a string.)
  var NEEDS_QUOTES = /[",\n]/, QUOTE = /"/g;
  function csvCell(value) { var s = String(value); return NEEDS_QUOTES.test(s) ? '"' + s.replace(QUOTE, '""') + '"' : s; }

  function Tally(root, dilemmas) {
    var byId = {}, current = dilemmas[0], at = "", history = [], revealed = false, uid = 0;
    dilemmas.forEach(function (d) { byId[d.id] = d; });
    var status = el("p", { class: "ek-live", role: "status", "aria-live": "polite" });
    var stage = el("div", { class: "ek-tally-stage" });

    function state() {
      var all = load();
      all[current.id] = all[current.id] || { counts: {} };
      return all;
    }
    function counts(nodeId) { return (state()[current.id].counts[nodeId]) || {}; }
    function setCount(nodeId, choiceId, value) {
      var all = state(), c = all[current.id].counts;
      c[nodeId] = c[nodeId] || {};
      c[nodeId][choiceId] = Math.max(0, Math.floor(Number(value) || 0));
      save(all);
    }
    function node(id) { return current.nodes.filter(function (n) { return n.id === id; })[0]; }
    function ending(id) { return current.endings.filter(function (e) { return e.id === id; })[0]; }

    function chart(n) {
      var c = counts(n.id), total = n.choices.reduce(function (sum, ch) { return sum + (c[ch.id] || 0); }, 0);
      var bars = el("div", { class: "ek-tally-bars", "aria-hidden": "true" }, n.choices.map(function (ch) {
        var count = c[ch.id] || 0, share = total ? Math.round(100 * count / total) : 0;
        return el("div", { class: "ek-tally-bar" }, [
          el("span", { class: "ek-tally-label", text: ch.label }),
          el("span", { class: "ek-tally-track" }, [el("span", { class: "ek-tally-fill", style: "width:" + share + "%" })]),
          el("span", { class: "ek-tally-count", text: _("{count} ({share}%)", { count: count, share: share }) })
        ]);
      }));
      var rows = n.choices.map(function (ch) {
        var count = c[ch.id] || 0;
        return el("tr", {}, [el("th", { scope: "row", text: ch.label }), el("td", { text: String(count) }), el("td", { text: _("{share}%", { share: total ? Math.round(100 * count / total) : 0 }) })]);
      });
      var table = el("table", { class: "ek-tally-table" }, [
        el("caption", { text: n_("How the room chose at {decision} ({count} in all)", "How the room chose at {decision} ({count} in all)", total, { decision: n.title }) }),
        el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: _("Choice") }), el("th", { scope: "col", text: _("Count") }), el("th", { scope: "col", text: _("Share") })])]),
        el("tbody", {}, rows)
      ]);
      return el("div", { class: "ek-tally-result" }, [bars, table]);
    }

    function go(target) {
      history.push(at);
      at = target; revealed = false;
      render(true);
    }

    function render(moveFocus) {
      stage.textContent = "";
      var heading;
      var end = ending(at);
      if (end) {
        heading = el("h2", { tabindex: "-1", text: _("Ending: {title}", { title: end.title }) });
        stage.appendChild(heading);
        stage.appendChild(el("button", { type: "button", class: "ek-btn", text: _("Start again"), onclick: function () { history = []; at = current.start; revealed = false; render(true); } }));
      } else {
        var n = node(at);
        heading = el("h2", { tabindex: "-1", text: n.title });
        stage.appendChild(heading);
        String(n.situation).split(/\n\s*\n/).forEach(function (p) { stage.appendChild(el("p", { class: "ek-tally-situation", text: p.trim() })); });
        if (n.prompt) stage.appendChild(el("p", { class: "ek-tally-prompt", text: n.prompt }));
        if (!revealed) {
          stage.appendChild(el("button", { type: "button", class: "ek-btn ek-tally-reveal", text: _("Reveal the choices"), onclick: function () { revealed = true; render(false); stage.querySelector("input") && /** @type {HTMLElement} */ (stage.querySelector("input")).focus(); } }));
        } else {
          var c = counts(n.id);
          var form = el("fieldset", { class: "ek-tally-inputs" }, [el("legend", { text: _("Show of hands for each choice") })]);
          n.choices.forEach(function (ch) {
            var id = "ek-tally-" + (++uid);
            form.appendChild(el("div", {}, [
              el("label", { for: id, text: ch.label }),
              el("input", { id: id, type: "number", min: "0", inputmode: "numeric", value: String(c[ch.id] || 0), oninput: function (event) {
                setCount(n.id, ch.id, /** @type {HTMLInputElement} */ (event.target).value);
                stage.querySelector(".ek-tally-result").replaceWith(chart(n));
              } })
            ]));
          });
          stage.appendChild(form);
          stage.appendChild(chart(n));
          var next = el("div", { class: "ek-toolbar" }, n.choices.map(function (ch) {
            return el("button", { type: "button", class: "ek-btn", text: _("Go on with: {choice}", { choice: ch.label }), onclick: function () { go(ch.to); } });
          }));
          stage.appendChild(next);
        }
      }
      if (history.length) stage.appendChild(el("button", { type: "button", class: "ek-btn", text: _("Previous decision"), onclick: function () { at = history.pop() || current.start; revealed = true; render(true); } }));
      if (moveFocus) heading.focus();
    }

    function importPaths(fileList) {
      var files = Array.prototype.slice.call(fileList || []);
      Promise.all(files.map(function (f) { return f.text(); })).then(function (texts) {
        var all = state(), c = all[current.id].counts, people = 0;
        texts.forEach(function (text) {
          var data = JSON.parse(text), entry = (data.dilemmas || {})[current.id];
          if (!entry) return;
          people++;
          entry.path.forEach(function (step) {
            c[step.node] = c[step.node] || {};
            c[step.node][step.choice] = (c[step.node][step.choice] || 0) + 1;
          });
        });
        save(all);
        status.textContent = n_("Added the paths of {people} of {count} file for this dilemma.", "Added the paths of {people} of {count} files for this dilemma.", files.length, { people: people });
        render(false);
      }).catch(function () { status.textContent = _("A file could not be read as exported reflections."); });
    }

    function csv() {
      var lines = ["dilemma,decision,decision_title,choice,choice_label,count"], all = state()[current.id].counts;
      current.nodes.forEach(function (n) {
        n.choices.forEach(function (ch) {
          lines.push([current.id, n.id, n.title, ch.id, ch.label, (all[n.id] || {})[ch.id] || 0].map(csvCell).join(","));
        });
      });
      return lines.join("\n") + "\n";
    }

    var select = el("select", { id: "ek-tally-dilemma", onchange: function () { current = byId[select.value]; history = []; at = current.start; revealed = false; render(true); } },
      dilemmas.map(function (d) { return el("option", { value: d.id, text: d.title }); }));
    var wanted = new URLSearchParams(window.location.search).get("dilemma");
    if (wanted && byId[wanted]) { current = byId[wanted]; select.value = wanted; }
    at = current.start;
    var fileInput = el("input", { type: "file", id: "ek-tally-import", accept: "application/json,.json", multiple: "multiple", onchange: function () { importPaths(fileInput.files); } });
    var tools = el("div", { class: "ek-toolbar" }, [
      el("label", { for: "ek-tally-dilemma", text: _("Dilemma:") }), document.createTextNode(" "), select,
      el("label", { for: "ek-tally-import", text: _("Import students' exported paths (JSON):") }), document.createTextNode(" "), fileInput,
      el("button", { type: "button", class: "ek-btn", text: _("Download tally as CSV"), onclick: function () {
        var a = el("a", { href: URL.createObjectURL(new Blob([csv()], { type: "text/csv" })), download: "first-loyalty-tally-" + current.id + ".csv" });
        document.body.appendChild(a); a.click(); a.remove();
      } }),
      el("button", { type: "button", class: "ek-btn", text: _("Clear this tally"), onclick: function () {
        if (!window.confirm(_("Clear every count for this dilemma?"))) return;
        var all = load(); delete all[current.id]; save(all); status.textContent = _("Tally cleared."); render(false);
      } }),
      el("button", { type: "button", class: "ek-btn", text: _("Full screen"), onclick: function () { if (root.requestFullscreen) root.requestFullscreen().catch(function () { /* not allowed here */ }); } })
    ]);
    root.textContent = "";
    root.appendChild(tools);
    root.appendChild(status);
    root.appendChild(stage);
    render(false);
  }

  function start() {
    if (!window.FirstLoyalty) return;
    el = window.FirstLoyalty.el;
    _ = window.FirstLoyalty.words._; n_ = window.FirstLoyalty.words.n_;
    document.querySelectorAll(".ek-room-tally").forEach(function (root) {
      var script = root.querySelector("script.ek-tally-data");
      var data = script ? JSON.parse(script.textContent || "[]") : [];
      if (data.length) Tally(root, data);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
