/* Pagefind's module as the search page (docs/sok.md) uses it: the page's interface loads Pagefind
 * from this folder (its bundlePath), and the page's own script imports it too.
 *
 * A large site's index comes in parts (generator/search.py says why): before this module is
 * ready, every part that pagefind/delar.json lists is merged into Pagefind's own, so that the
 * interface's filters and every search cover them all. A part that lacks words other parts have
 * holds a vocabulary page with exactly those words, so that it never answers a search for one of
 * them with pages that only begin alike; every search here leaves those pages out, and their
 * filter is taken out of the counts the interface shows. Everything else is Pagefind's. */
import * as pagefind from "../../pagefind/pagefind.js";

export * from "../../pagefind/pagefind.js";

var VOCABULARY = "kp-ordforrad"; // generator/search.py, VOCABULARY_FILTER
var EXCERPT_WORDS = 12; // every part's excerpts as long as the main index's (the interface's own length)

var bundle = new URL("../../pagefind/", import.meta.url);
var parts = await (await fetch(new URL("delar.json", bundle))).json();
parts.forEach(function (part) {
  // By path, so that the addresses of its results are paths, as the main index's are.
  pagefind.mergeIndex(new URL(part, bundle).pathname, { excerptLength: EXCERPT_WORDS });
});

function withoutVocabulary(options) {
  var filters = Object.assign({}, options && options.filters, { not: {} });
  filters.not[VOCABULARY] = "ja";
  return Object.assign({}, options, { filters: filters });
}

function counted(counts) {
  if (counts) delete counts[VOCABULARY];
  return counts;
}

function found(results) {
  if (results) {
    counted(results.filters);
    counted(results.totalFilters);
  }
  return results;
}

export async function options(settings) {
  return pagefind.options(Object.assign({}, settings, { excerptLength: EXCERPT_WORDS }));
}

export async function filters() {
  return counted(await pagefind.filters());
}

export async function preload(term, options) {
  return pagefind.preload(term, withoutVocabulary(options));
}

export async function search(term, options) {
  return found(await pagefind.search(term, withoutVocabulary(options)));
}

export async function debouncedSearch(term, options, debounceTimeoutMs) {
  return found(await pagefind.debouncedSearch(term, withoutVocabulary(options), debounceTimeoutMs));
}
