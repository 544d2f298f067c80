/*
 * Notula: Material's search worker with stemming for prefix queries.
 *
 * Material turns every word typed into a prefix query ("besluten" becomes
 * "besluten*"), and Lunr never stems a query term with a wildcard, while the
 * index holds stems ("beslut").  So an inflected Swedish word found nothing.
 * Here each term of a query is stemmed with the index's own search pipeline
 * before the wildcard is applied: "besluten*" becomes "beslut*".  Stemming
 * only removes endings, so a half-typed word still finds what it did before.
 *
 * overrides/main.html points Material at this file; the query string names
 * Material's worker (its file name has a hash), loaded from this folder.
 */
importScripts(new URL(self.location.href).searchParams.get("material"))

;(function (lunr) {
  var searchPipeline = null

  var build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    searchPipeline = this.searchPipeline
    return build.call(this)
  }

  var parse = lunr.QueryParser.prototype.parse
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this)
    if (searchPipeline) {
      query.clauses.forEach(function (clause) {
        var parts = /^(\*?)(.*?)(\*?)$/.exec(clause.term)
        var stems = clause.usePipeline === false && parts[2] ? searchPipeline.runString(parts[2]) : []
        if (stems.length === 1 && stems[0])
          clause.term = parts[1] + stems[0] + parts[3]
      })
    }
    return query
  }
})(self.lunr)
