#include "borehole/contour.h"

#include <cmath>
#include <limits>

namespace borehole {

namespace {

struct Corner
{
    double x;
    double y;
    double v;
};

/// The point on the edge a→b where the linear interpolant crosses the level.
void crossing(const Corner& a, const Corner& b, double level, double& x, double& y)
{
    const double dv = b.v - a.v;
    const double t = dv == 0.0 ? 0.5 : (level - a.v) / dv;
    x = a.x + t * (b.x - a.x);
    y = a.y + t * (b.y - a.y);
}

} // namespace

std::vector<ContourSegment> contourSegments(const std::vector<double>& xs,
                                            const std::vector<double>& ys,
                                            const std::vector<double>& values, double level)
{
    std::vector<ContourSegment> out;
    const std::size_t nx = xs.size();
    const std::size_t ny = ys.size();
    if (nx < 2 || ny < 2 || values.size() != nx * ny || !std::isfinite(level))
        return out;
    for (std::size_t iy = 0; iy + 1 < ny; ++iy) {
        for (std::size_t ix = 0; ix + 1 < nx; ++ix) {
            // Corners counter-clockwise from the lower left; edges e_k join corner k and k+1.
            const Corner c[4] = {{xs[ix], ys[iy], values[iy * nx + ix]},
                                 {xs[ix + 1], ys[iy], values[iy * nx + ix + 1]},
                                 {xs[ix + 1], ys[iy + 1], values[(iy + 1) * nx + ix + 1]},
                                 {xs[ix], ys[iy + 1], values[(iy + 1) * nx + ix]}};
            bool finite = true;
            int mask = 0;
            for (int k = 0; k < 4; ++k) {
                finite = finite && std::isfinite(c[k].v);
                if (c[k].v >= level)
                    mask |= 1 << k;
            }
            if (!finite || mask == 0 || mask == 15)
                continue;
            // Edges whose end points lie on different sides of the level, in order round the
            // cell; there are two (one segment) or four (a saddle: two segments).
            int edges[4];
            int n = 0;
            for (int k = 0; k < 4; ++k)
                if (((mask >> k) & 1) != ((mask >> ((k + 1) % 4)) & 1))
                    edges[n++] = k;
            double px[4];
            double py[4];
            for (int e = 0; e < n; ++e)
                crossing(c[edges[e]], c[(edges[e] + 1) % 4], level, px[e], py[e]);
            if (n == 2) {
                out.push_back({px[0], py[0], px[1], py[1]});
                continue;
            }
            // Saddle (mask 5 or 10): edges 0,1,2,3 all cut. If the centre is on the same side
            // as corner 0, the lines separate corners 1 and 3: join (e0,e1) and (e2,e3);
            // otherwise they separate corners 0 and 2: join (e3,e0) and (e1,e2).
            const double centre = 0.25 * (c[0].v + c[1].v + c[2].v + c[3].v);
            const bool centreHigh = centre >= level;
            const bool corner0High = (mask & 1) != 0;
            if (centreHigh == corner0High) {
                out.push_back({px[0], py[0], px[1], py[1]});
                out.push_back({px[2], py[2], px[3], py[3]});
            } else {
                out.push_back({px[3], py[3], px[0], py[0]});
                out.push_back({px[1], py[1], px[2], py[2]});
            }
        }
    }
    return out;
}

std::pair<double, double> finiteBounds(const std::vector<double>& values)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (double v : values)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    return {lo, hi};
}

std::vector<double> contourLevels(const std::vector<double>& values, int count)
{
    const auto [lo, hi] = finiteBounds(values);
    std::vector<double> levels;
    if (count < 1 || !(hi > lo))
        return levels;
    const double step = (hi - lo) / count;
    for (int k = 0; k < count; ++k)
        levels.push_back(lo + (k + 0.5) * step);
    return levels;
}

} // namespace borehole
