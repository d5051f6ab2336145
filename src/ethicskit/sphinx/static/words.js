// @ts-check
// First Loyalty: the interface words of the kit's scripts, in the language the page was built in.
// Python writes them into the page (a JSON element with the class "ek-words") from the kit's one word
// catalogue; the scripts only look them up, so no script carries English of its own. Messages use the
// same names as in Python: _("Decision {number}", {number: 3}) and
// n_("{count} choice", "{count} choices", count). A message the page does not carry is shown as written.
// Dates and the layouts of exports come the same way: date("2026-12-05") writes a day as Python's
// `words.current().date` does, and layout("worksheet") is the completed worksheet's layout (worksheet.py).
(function () {
  "use strict";
  /** @type {{language: string, messages: Object<string, string>, plurals: Object<string, Object<string, string>>, date: Array<*>|null, layouts: Object<string, *>}} */
  var words = { language: "en", messages: {}, plurals: {}, date: null, layouts: {} };
  document.querySelectorAll("script.ek-words").forEach(function (element) {
    try {
      var found = JSON.parse(element.textContent || "{}");
      words.language = found.language || words.language;
      Object.assign(words.messages, found.messages || {});
      Object.assign(words.plurals, found.plurals || {});
      words.date = found.date || words.date;
      Object.assign(words.layouts, found.layouts || {});
    } catch (e) { /* a damaged element leaves the words as written */ }
  });
  var pluralRules = null;
  try { pluralRules = new Intl.PluralRules(words.language === "qps" ? "en" : words.language); } catch (e) { pluralRules = new Intl.PluralRules("en"); }

  /** @param {string} message @param {Object<string, *>=} values */
  function fill(message, values) {
    return values ? message.replace(/\{([a-z_]+)\}/g, function (whole, name) { return name in values ? String(values[name]) : whole; }) : message;
  }
  /** The message in the page's language, its {placeholders} filled from `values`. */
  function translate(message, values) {
    return fill(Object.prototype.hasOwnProperty.call(words.messages, message) ? words.messages[message] : message, values);
  }
  /** The form of a message for `count`, chosen by the language's CLDR plural rules; {count} is filled. */
  function translatePlural(singular, plural, count, values) {
    var forms = words.plurals[singular];
    var chosen = forms ? (forms[pluralRules.select(count)] || forms.other) : (count === 1 ? singular : plural);
    return fill(chosen, Object.assign({ count: count }, values || {}));
  }
  /** A day stored as "YYYY-MM-DD", written as the language writes dates: the page carries the pieces of
   * its long date pattern (text, and fields with any names they write), made by words.py from Babel.
   * Anything else (a page without the pattern, a text that is not a day) is shown as it is. */
  function writeDate(day) {
    var found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    if (!found || !words.date) return day;
    var values = { y: Number(found[1]), M: Number(found[2]), d: Number(found[3]) };
    // Days of the week counted from Sunday, as the names are listed; the day is a calendar day, not a moment.
    var moment = new Date(0);
    moment.setUTCFullYear(values.y, values.M - 1, values.d);
    // No such day (2026-02-30, year 0): shown as it is, as Python shows it.
    if (values.y < 1 || moment.getUTCMonth() !== values.M - 1 || moment.getUTCDate() !== values.d) return day;
    var weekday = moment.getUTCDay();
    return words.date.map(function (piece) {
      if (typeof piece === "string") return piece;
      if (piece.names) return piece.names[piece.field === "E" ? weekday : values[piece.field] - 1];
      var number = piece.field === "y" && piece.width === 2 ? values.y % 100 : values[piece.field];
      return String(number).padStart(piece.width, "0");
    }).join("");
  }
  /** The layout of an export the page carries (see export.py), or null. */
  function layout(name) { return words.layouts[name] || null; }
  window.ethicskitWords = { _: translate, n_: translatePlural, date: writeDate, layout: layout, language: words.language };
})();
