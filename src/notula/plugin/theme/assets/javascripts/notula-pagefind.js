/*
 * Notula: one Pagefind for every search of a page (the search page's and the header's box), and
 * the start of a search before Pagefind's components are there.
 *
 * Pagefind (its script, Web Worker, WebAssembly and the index's metadata) is loaded once, from
 * the index folder beside the theme's assets, whoever asks first. The search page (sok/) starts
 * the search for its ?q= with it as soon as its <head> is read (notula-search-start.js), so the
 * index and the first results' text are on their way while the page's other scripts load;
 * notula-search.js then gives the same Pagefind to the components, whose search finds
 * everything loaded already.
 *
 * A large archive's index is in parts (notula.publishing.search): the first in the index folder,
 * the others in folders that its notula-parts.json names. Pagefind searches them as one index
 * (mergeIndex), with the first part's WebAssembly.
 */
const INDEX = new URL("../../pagefind/", import.meta.url).href  // the index folder (notula.publishing.search)
const BUNDLE = `${INDEX}pagefind.js`
const PARTS = `${INDEX}notula-parts.json`
export const FIRST_RESULTS = 3  // always in view: the header's list shows more, the search page many more

let started = null
let parts = null

/** The folders of the index's parts after its first (their paths on this host), read once. */
function otherParts() {
  if (!parts) {
    parts = fetch(PARTS).then(response => {
      if (!response.ok) throw new Error(`${PARTS}: ${response.status}`)
      return response.json()
    }).then(file => file.parts.map(name => new URL(name, INDEX).pathname))
    parts.catch(error => console.error(`Notula: the index's parts are not known (${error})`))
  }
  return parts
}

/**
 * Pagefind's search instance, every part of the index in it, loaded the first time it is asked
 * for. A search waits for every part (Pagefind searches the parts it has been given), but the
 * first part's index is not held back while the others are set up.
 */
export function pagefind() {
  if (!started) {
    started = Promise.all([import(BUNDLE), otherParts()]).then(([bundle, others]) => {
      const instance = bundle.createInstance({})
      for (const folder of others) {
        instance.mergeIndex(folder).catch(error => console.error(`Notula: the index's part ${folder} could not be loaded (${error})`))
      }
      return instance
    })
  }
  return started
}

/** Fetch the text (fragments) of the first results of a search, as soon as they are known. */
export function fetchFirstResults(found) {
  for (const result of (found && found.results || []).slice(0, FIRST_RESULTS)) result.data().catch(() => {})
}

/** Search for query now: the index's parts and the first results' text are then loaded. */
export function startSearch(query) {
  pagefind().then(instance => instance.search(query)).then(fetchFirstResults).catch(() => {})
}

/**
 * Ask now for what Pagefind's Web Worker needs before it can search, which it asks for one file
 * after another: its own script once Pagefind's script has come, then the entry file, then the
 * index's metadata and the WebAssembly (a later part's metadata once the WebAssembly has come).
 * On a slow phone at 2,000 meetings the WebAssembly came at 1.9 s, the first result at 2.9 s.
 * The metadata's name holds a hash of its content, so a host keeps it (`notula hosting`) and the
 * worker's request is answered from the browser's cache; the worker's script and the
 * WebAssembly have fixed names, so a host has them revalidated, and the worker's request is
 * answered "not modified" (or waits for this one if it is still under way): sent once in full.
 */
export function fetchAhead() {
  fetchAll(`${INDEX}pagefind-worker.js`)
  fetchMetadataOf(INDEX, true)
  otherParts().then(others => others.forEach(folder => fetchMetadataOf(folder, false))).catch(() => {})
}

function fetchMetadataOf(folder, withWebAssembly) {
  fetch(`${folder}pagefind-entry.json`).then(response => response.json()).then(entry => {
    const languages = entry.languages || {}
    const names = Object.keys(languages)
    const about = languages[document.documentElement.lang] || (names.length === 1 ? languages[names[0]] : null)
    if (!about) return
    if (withWebAssembly && about.wasm) fetchAll(`${folder}wasm.${about.wasm}.pagefind`)
    fetchAll(`${folder}pagefind.${about.hash}.pf_meta`)
  }).catch(() => {})
}

/** Fetch url whole (into the browser's cache), saying nothing if that fails: Pagefind will ask. */
function fetchAll(url) {
  fetch(url).then(response => response.arrayBuffer()).catch(() => {})
}
