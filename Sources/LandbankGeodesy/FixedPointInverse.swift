import LandbankGeometry

/// Inverts a lon/lat offset map (GCJ-02's, BD-09's) that has no closed-form inverse: starting from `start`, each
/// step moves the guess by how far `forward` of it lands from `target`. The maps shift points by well under a
/// kilometre and barely change over that distance, so a few steps reach 1e-10°.
enum FixedPointInverse {
    static func solve(_ target: Point, from start: Point, steps: Int, _ forward: (Point) -> Point) -> Point {
        var guess = start
        for _ in 0..<steps {
            let f = forward(guess)
            let dx = f.x - target.x, dy = f.y - target.y
            guess.x -= dx
            guess.y -= dy
            if abs(dx) < 1e-10 && abs(dy) < 1e-10 { break }
        }
        return guess
    }
}
