/*
 * Notula: the search page and the header's search box (Pagefind's Component UI, loaded before
 * this module by the theme's main.html).
 *
 * - The search page (sok/) searches for the word in its address, ?q=…, so that a search can be
 *   shared as a link, and keeps the address current while the reader types.
 * - Enter in the header's search box, with no result chosen, opens the search page for the
 *   words typed (where there is room for all results and the filters).
 * - Pagefind (its script, WebAssembly, index metadata and filters) is loaded as soon as the page
 *   is, where there is a search box to type into: on the search page, and in the header where
 *   the box is shown (wide screens; narrow ones have a link to the search page instead). The
 *   first query then waits only for its own part of the index, not for Pagefind to start.
 * - The first results' text (their fragments) is fetched as soon as the results are known, not
 *   when the component first draws them on screen, a frame or more later.
 */
const FIRST_RESULTS = 3  // always in view: the header's list shows more, the search page many more

function fetchFirstResults(instance) {
  instance.on("results", found => {
    for (const result of (found && found.results || []).slice(0, FIRST_RESULTS)) result.data().catch(() => {})
  })
}

const components = window.PagefindComponents
if (components) {
  const page = document.querySelector("[data-notula-search]")
  if (page) {
    const instance = components.getInstanceManager().getInstance("default")
    fetchFirstResults(instance)
    const query = new URLSearchParams(window.location.search).get("q")
    if (query && query.trim()) instance.triggerSearch(query.trim())
    else instance.triggerLoad()
    instance.on("search", term => {
      const url = new URL(window.location.href)
      if (term && term.trim()) url.searchParams.set("q", term.trim())
      else url.searchParams.delete("q")
      if (url.href !== window.location.href) window.history.replaceState(null, "", url)
    })
  }

  const box = document.querySelector("pagefind-searchbox[data-notula-search-page]")
  if (box) {
    const instance = components.getInstanceManager().getInstance(box.getAttribute("instance") || "default")
    fetchFirstResults(instance)
    if (!page && box.getClientRects().length > 0) instance.triggerLoad()  // the search page loads its own

    box.addEventListener("keydown", event => {
      const input = event.target
      if (event.key !== "Enter" || event.defaultPrevented || !(input instanceof HTMLInputElement)) return
      const term = input.value.trim()
      if (!term) return
      event.preventDefault()
      const target = new URL(box.dataset.notulaSearchPage, window.location.href)
      target.searchParams.set("q", term)
      window.location.assign(target)
    })
  }
}
