// Generated from stdlib/*.sgp by GeneratedFilesTests (SGP_RECORD=1 swift test --filter GeneratedFilesTests).
// Do not edit: change stdlib/*.sgp and regenerate.

/// The standard library sources, embedded so an installed binary works anywhere.
enum EmbeddedStdlib {
    static let modules: [String: String] = [
        "costs": ##"""
# Cost terms for trajectory optimisation. States `x` have shape [..., n] (or [..., T, n] for a trajectory),
# actions `u` [..., m]; every cost sums over the last axis, so it works per step, per trajectory and per batch.

# Weighted squared distance to `target`: sum(w * (x - target)^2) over the last axis.
fn quadratic(x, target, weights=1)
  d = x - target
  return sum(weights * d^2, axis=-1)
end

# Control effort: weight * sum(u^2) over the last axis.
fn effort(u, weight=0.01)
  return weight * sum(u^2, axis=-1)
end

# Cost of the final state of a trajectory [..., T, n]: quadratic distance of x[..., -1, :] to `target`.
fn terminal(traj, target, weights=1)
  n = len(shape(traj))
  last = if n == 2 then traj[-1] else traj[:, -1]
  return quadratic(last, target, weights)
end

# Running cost of a whole trajectory: sum over time of quadratic state cost and effort.
fn trajectory(xs, us, target, state_weights=1, effort_weight=0.01)
  return sum(quadratic(xs, target, state_weights), axis=-1) + sum(effort(us, effort_weight), axis=-1)
end

# Smooth barrier that grows as x approaches the bound `hi` from below: softplus(k * (x - hi)) / k.
fn upper_barrier(x, hi, k=10)
  return softplus(k * (x - hi)) / k
end

"""##,
        "schedules": ##"""
# Schedules: functions that map a step t (0, 1, ..., total) to a value, for learning rates, noise levels and
# temperatures. Each constructor returns a function, so `lr = cosine(1e-3, 1e-5, 1000)` then `lr(t)`.

# The same value at every step.
fn constant(value)
  return t -> value
end

# Straight line from `start` (t = 0) to `stop` (t = total), then flat.
fn linear(start, stop, total)
  return t -> start + (stop - start) * min(t / total, 1)
end

# Half a cosine from `start` down (or up) to `stop` over `total` steps, then flat.
fn cosine(start, stop, total)
  return t -> stop + 0.5 * (start - stop) * (1 + cos(pi * min(t / total, 1)))
end

# `start * rate^t`, never below `floor`.
fn exponential(start, rate, floor=0)
  return t -> max(start * rate ^ t, floor)
end

# Linear warm-up from 0 to `peak` over `warmup` steps, then cosine decay to `final` at `total`.
fn warmup_cosine(peak, warmup, total, final=0)
  decay = cosine(peak, final, max(total - warmup, 1))
  return t -> if t < warmup then peak * (t + 1) / warmup else decay(t - warmup)
end

"""##,
        "util": ##"""
# Small helpers written in the language.

# `x` limited to [lo, hi] (numbers or tensors).
fn clamp(x, lo, hi)
  return clip(x, lo, hi)
end

# Linear interpolation between a (t = 0) and b (t = 1).
fn lerp(a, b, t)
  return a + (b - a) * t
end

# Sum and mean of a list of numbers.
fn sum_list(xs)
  s = 0
  for x in xs do
    s = s + x
  end
  return s
end

fn mean_list(xs)
  return sum_list(xs) / len(xs)
end

# f(g(x)).
fn compose(f, g)
  return x -> f(g(x))
end

# Applies f to x n times.
fn iterate(f, x, n)
  for i in range(n) do
    x = f(x)
  end
  return x
end

# Degrees to radians and back.
fn radians(d) = d * pi / 180
fn degrees(r) = r * 180 / pi

"""##,
    ]
}
