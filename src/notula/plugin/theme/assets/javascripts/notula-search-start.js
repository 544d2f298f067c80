/*
 * Notula: the search page (sok/) loads this from its <head>, so that its search for ?q= starts
 * before the page's other scripts have loaded (see notula-pagefind.js); without a query, Pagefind
 * is loaded for the reader's first word. Either way the index's metadata is asked for at once.
 */
import { fetchMetadata, pagefind, startSearch } from "./notula-pagefind.js"

fetchMetadata()

const query = (new URLSearchParams(window.location.search).get("q") || "").trim()
if (query) startSearch(query)
else pagefind().catch(() => {})
