/*
 * Notula: the search page and the header's search box (Pagefind's Component UI, loaded before
 * this module by the theme's main.html).
 *
 * - The search page (sok/) searches for the word in its address, ?q=…, so that a search can be
 *   shared as a link, and keeps the address current while the reader types.
 * - Enter in the header's search box, with no result chosen, opens the search page for the
 *   words typed (where there is room for all results and the filters).
 */
const components = window.PagefindComponents
if (components) {
  const page = document.querySelector("[data-notula-search]")
  if (page) {
    const instance = components.getInstanceManager().getInstance("default")
    const query = new URLSearchParams(window.location.search).get("q")
    if (query && query.trim()) instance.triggerSearch(query.trim())
    instance.on("search", term => {
      const url = new URL(window.location.href)
      if (term && term.trim()) url.searchParams.set("q", term.trim())
      else url.searchParams.delete("q")
      if (url.href !== window.location.href) window.history.replaceState(null, "", url)
    })
  }

  const box = document.querySelector("pagefind-searchbox[data-notula-search-page]")
  if (box) {
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
