// @ts-check
// First Loyalty in a VLE: the SCORM 1.2 side of the dilemma player, loaded only by a SCORM package's page
// (before dilemma-player.js, which connects through `window.FirstLoyaltyVle` when its dilemma asks for a
// VLE with data-lms="scorm12"). The book's pages never load it and never look for a VLE.
(function () {
  "use strict";
  // The VLE is told four things: that the learner has started, that they reached an ending
  // ("completed"), how long the session took, and the ids of the decisions and choices on their path, so
  // the VLE can resume it. Reflections are never sent: whatever a VLE stores, staff can read, and
  // reflections stay on the learner's device.
  var SUSPEND_PREFIX = "fl1:";
  var SUSPEND_LIMIT = 4096; // SCORM 1.2's limit on cmi.suspend_data
  var SEARCH_DEPTH = 10; // frames above the player to look through for the VLE's API

  /** The SCORM 1.2 API in `win` or the frames above it, or null; frames from another site are skipped. */
  function apiAbove(win) {
    for (var depth = 0; win && depth <= SEARCH_DEPTH; depth++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch (e) { /* another site's frame (SecurityError): look further up */ }
      var parent = null;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) break;
      win = parent;
    }
    return null;
  }
  function findLmsApi() {
    var api = apiAbove(window);
    if (!api) { try { if (window.opener) api = apiAbove(window.opener); } catch (e) { api = null; } }
    return api;
  }
  /** A path as the VLE keeps it: node and choice ids only, e.g. "fl1:start.close,review.reopen". */
  function encodePath(steps) {
    return SUSPEND_PREFIX + steps.map(function (s) { return s.node + "." + s.choice.id; }).join(",");
  }
  /** [[node, choice], ...] from a stored path, or null when it is not one. */
  function decodePath(text) {
    if (typeof text !== "string" || text.slice(0, SUSPEND_PREFIX.length) !== SUSPEND_PREFIX) return null;
    var body = text.slice(SUSPEND_PREFIX.length);
    if (!body) return [];
    var pairs = body.split(",").map(function (pair) { return pair.split("."); });
    return pairs.every(function (p) { return p.length === 2 && /^[a-z0-9-]+$/.test(p[0]) && /^[a-z0-9-]+$/.test(p[1]); }) ? pairs : null;
  }
  function timespan(ms) { // CMITimespan, HHHH:MM:SS
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.min(9999, Math.floor(s / 3600));
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(h) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
  }

  /** @constructor */
  function Lms(api) {
    this.api = api;
    this.began = Date.now();
    this.open = true;
    var self = this, status = this.get("cmi.core.lesson_status");
    this.completed = status === "completed" || status === "passed";
    if (!this.completed) this.set("cmi.core.lesson_status", "incomplete");
    this.set("cmi.core.exit", "suspend");
    this.commit();
    function finish() { self.finish(); }
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }
  /** The VLE's API, initialised, or null outside a VLE (the player then works as it does anywhere). */
  Lms.connect = function () {
    var api = findLmsApi();
    if (!api) return null;
    try { if (String(api.LMSInitialize("")) !== "true") return null; } catch (e) { return null; }
    return new Lms(api);
  };
  var L = Lms.prototype;
  L.get = function (name) { try { return String(this.api.LMSGetValue(name) || ""); } catch (e) { return ""; } };
  L.set = function (name, value) { try { return String(this.api.LMSSetValue(name, value)) === "true"; } catch (e) { return false; } };
  // A VLE's API that throws must never stop the dilemma: every call is guarded.
  L.commit = function () { try { this.api.LMSCommit(""); } catch (e) { /* the VLE keeps what it was last given */ } };
  L.savedPath = function () { return decodePath(this.get("cmi.suspend_data")); };
  /** Keep the path in the VLE, and mark the attempt completed once any ending is reached. */
  L.save = function (steps, ended) {
    if (!this.open) return;
    var path = encodePath(steps);
    // Past the limit the VLE would refuse the path: it keeps the last one that fitted.
    if (path.length <= SUSPEND_LIMIT) this.set("cmi.suspend_data", path);
    if (ended && !this.completed) this.completed = this.set("cmi.core.lesson_status", "completed");
    this.commit();
  };
  L.finish = function () {
    if (!this.open) return;
    this.open = false;
    this.set("cmi.core.session_time", timespan(Date.now() - this.began));
    this.commit();
    try { this.api.LMSFinish(""); } catch (e) { /* the page is closing */ }
  };

  window.FirstLoyaltyVle = { connect: Lms.connect };
})();
