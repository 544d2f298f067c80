/*
 * Notula: the search page and the header's search box (Pagefind's Component UI, loaded before
 * this module by the theme's main.html).
 *
 * - The search page (sok/) searches for the word in its address, ?q=…, so that a search can be
 *   shared as a link, and keeps the address current while the reader types.
 * - Enter in the header's search box, with no result chosen, opens the search page for the
 *   words typed (where there is room for all results and the filters).
 * - Every search component of the page uses one Pagefind (notula-pagefind.js), which the search
 *   page starts from its <head>. Pagefind is loaded as soon as the page is, where there is a
 *   search box to type into: on the search page, and in the header where the box is shown (wide
 *   screens; narrow ones have a link to the search page instead). The first query then waits
 *   only for its own part of the index, not for Pagefind to start.
 * - The filters (every value's list of pages: the larger the archive, the larger) are loaded
 *   after the first results are drawn, not before the first search as Pagefind's components do,
 *   and only where there are filters to show (the search page, not the header's box). On a
 *   narrow screen, where they stand above the results, they are one closed line ("Filtrera"),
 *   so that the results do not move down when they come.
 * - The first results' text (their fragments) is fetched as soon as the results are known, not
 *   when the component first draws them on screen, a frame or more later.
 */
import { fetchFirstResults, pagefind } from "./notula-pagefind.js"

/*
 * Pagefind's components (1.5) load Pagefind in their instance's __doLoad__: import the bundle,
 * create its search instance, then wait for every filter before the first search. Here the
 * instance is given the page's one Pagefind instead, and the filters follow the first results.
 * A Component UI that loads otherwise is left as it is.
 */
function useOnePagefind(instance, withFilters) {
  const ownLoad = instance.__doLoad__
  if (typeof ownLoad !== "function" || !("__pagefind__" in instance)) return
  instance.__doLoad__ = async function () {
    if (this.__pagefind__) return
    try {
      this.__pagefind__ = await pagefind()
    } catch (error) {
      return ownLoad.call(this)  // Pagefind's own loading says what is wrong, as it always has
    }
    if (withFilters) afterFirstResults(this).then(() => loadFilters(this)).catch(() => {})
  }
}

/* Resolves once the first results of the search under way are drawn (at once if there is none):
   their text is loaded and a result link is in the page, or two seconds of frames have passed. */
function afterFirstResults(instance) {
  if (!instance.searchTerm) return Promise.resolve()
  const drawn = () => typeof instance.getResults !== "function" ||
    instance.getResults().some(list => list.querySelector("a[href]"))
  const until = (test, frames) => new Promise(done => {
    const step = left => (test() || left <= 0) ? done() : requestAnimationFrame(() => step(left - 1))
    step(frames)
  })
  return new Promise(resolve => {
    let waiting = true
    instance.on("results", found => {
      if (!waiting) return
      waiting = false
      const first = (found && found.results || []).slice(0, 3).map(result => result.data())
      Promise.allSettled(first).then(() => until(first.length ? drawn : () => true, 120)).then(() => setTimeout(resolve))
    })
  })
}

/* Load every filter, and show them with the counts of the search shown, as Pagefind's components
   do once their filters are loaded. */
async function loadFilters(instance) {
  const search = instance.__pagefind__
  let available = await search.filters()
  let total = available
  const searchID = instance.__searchID__
  if (instance.searchTerm) {
    const found = await search.search(instance.searchTerm, { filters: instance.searchFilters || {} })
    if (instance.__searchID__ !== searchID) return  // a newer search, with every filter loaded, gives its own counts
    if (found && found.filters && Object.keys(found.filters).length) {
      available = found.filters
      total = found.totalFilters ?? available
    }
  }
  instance.availableFilters = available
  instance.totalFilters = total
  instance.__dispatch__("filters", { available, total })
}

/*
 * Pagefind's results list (1.5) puts a place for every result in the page at once and draws each
 * as it comes into view: hundreds for a common word in a large archive, whose styling alone took
 * a phone seconds before the first result could be drawn. Here it is given the first PAGE
 * results, and the next PAGE are put after them, with Pagefind's own placeholders and drawing,
 * whenever the end of the list comes near the view (or its button is pressed): every result
 * stays in reach, and the summary counts them all. A list that is not as expected is left whole.
 */
const PAGE = 20

function showResultsInPages(list, more) {
  const parts = ["getResultRenderer", "getPlaceholder", "appendResults"]
  if (!list || !more || parts.some(name => typeof list[name] !== "function") || !("maxResults" in list)) return
  list.maxResults = PAGE
  let found = null
  const showMore = () => {
    const shown = list.results || []
    const Item = shown.length ? shown[0].constructor : null
    if (!found || !Item || shown.length >= found.results.length) return
    const render = list.getResultRenderer()
    const end = Math.min(shown.length + PAGE, found.results.length)
    for (let index = shown.length; index < end; index++) {
      const holder = document.createElement("div")
      holder.innerHTML = list.getPlaceholder()
      const nodes = [...holder.childNodes]
      const first = nodes.find(node => node instanceof Element)
      if (first) first.setAttribute("data-pf-result-index", String(index))
      list.appendResults(nodes)
      shown.push(new Item({
        result: found.results[index], index, placeholderNodes: nodes, resultFn: render,
        intersectionEl: list.intersectionEl, showImages: list.showImages, showSubResults: !list.hideSubResults,
        maxSubResults: list.maxSubResults, linkTarget: list.linkTarget,
      }))
    }
    more.hidden = shown.length >= found.results.length
  }
  list.instance.on("results", results => {  // after the list has drawn the first PAGE
    found = results
    more.hidden = !(found && found.results && found.results.length > (list.results || []).length)
  })
  more.querySelector("button").addEventListener("click", showMore)
  new IntersectionObserver(entries => { if (entries.some(entry => entry.isIntersecting)) showMore() },
    { rootMargin: "600px 0px" }).observe(more)
}

const components = window.PagefindComponents
if (components) {
  const page = document.querySelector("[data-notula-search]")
  if (page) {
    const instance = components.getInstanceManager().getInstance("default")
    useOnePagefind(instance, true)
    instance.on("results", fetchFirstResults)
    showResultsInPages(page.querySelector("pagefind-results"), page.querySelector("[data-notula-more]"))
    const filters = page.querySelector("[data-notula-filters]")
    const wide = window.matchMedia("(min-width: 45em)")  // the filters beside the results (notula.css)
    if (filters) {
      filters.open = wide.matches
      wide.addEventListener("change", () => { if (wide.matches) filters.open = true })
    }
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
    useOnePagefind(instance, false)
    instance.on("results", fetchFirstResults)
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
