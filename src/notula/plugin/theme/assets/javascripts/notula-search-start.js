/*
 * Notula: the search page (sok/) loads this from its <head>, so that its search for ?q= starts
 * before the page's other scripts have loaded (see notula-pagefind.js); without a query, Pagefind
 * is loaded for the reader's first word. Either way what Pagefind's Web Worker needs before its
 * first search (its script, the index's metadata, the WebAssembly) is asked for at once.
 */
import { fetchAhead, pagefind, startSearch } from "./notula-pagefind.js"

fetchAhead()

const query = (new URLSearchParams(window.location.search).get("q") || "").trim()
if (query) startSearch(query)
else pagefind().catch(() => {})
