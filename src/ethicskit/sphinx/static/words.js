// @ts-check
// First Loyalty: the interface words of the kit's scripts, in the language the page was built in.
// Python writes them into the page (a JSON element with the class "ek-words") from the kit's one word
// catalogue; the scripts only look them up, so no script carries English of its own. Messages use the
// same names as in Python: _("Decision {number}", {number: 3}) and
// n_("{count} choice", "{count} choices", count). A message the page does not carry is shown as written.
(function () {
  "use strict";
  /** @type {{language: string, messages: Object<string, string>, plurals: Object<string, Object<string, string>>}} */
  var words = { language: "en", messages: {}, plurals: {} };
  document.querySelectorAll("script.ek-words").forEach(function (element) {
    try {
      var found = JSON.parse(element.textContent || "{}");
      words.language = found.language || words.language;
      Object.assign(words.messages, found.messages || {});
      Object.assign(words.plurals, found.plurals || {});
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
  window.ethicskitWords = { _: translate, n_: translatePlural, language: words.language };
})();
