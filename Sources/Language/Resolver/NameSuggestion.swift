/// The candidate closest to `name` by edit distance, if close enough to be a likely typo:
/// at most 1 edit for names up to 4 characters, else at most 2 (beyond that suggestions
/// are usually unrelated words).
func closestName(to name: String, among candidates: [String]) -> String? {
    // A difference of case alone (`Relu` for `relu`) is the likeliest slip: it ranks first.
    let folded = name.lowercased()
    if let sameLetters = candidates.filter({ $0 != name && $0.lowercased() == folded }).min() { return sameLetters }
    let limit = name.count <= 4 ? 1 : 2
    var best: (String, Int)?
    for c in Set(candidates) where c != name && abs(c.count - name.count) <= limit {
        let d = editDistance(name, c)
        if d <= limit, best.map({ d < $0.1 || (d == $0.1 && c < $0.0) }) ?? true { best = (c, d) }
    }
    return best?.0
}

/// Levenshtein distance, counting a swap of adjacent characters as one edit (typos swap often).
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[x.count][y.count]
}
