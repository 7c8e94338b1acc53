import Foundation
// Scalar libm entry points used by the Swift side (Foundation re-exports Glibc on Linux).
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _sin(_ x: Double) -> Double { Foundation.sin(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
