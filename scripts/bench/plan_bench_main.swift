// Runner for PlanBenchmarks (workloads b, c and the sampling planners), linked against the release objects of
// SGPTensor, SGPNN, SGPPlanning by scripts/bench/plan_bench.sh until `sgp bench plan` exposes it.
// usage: sgp-plan-bench WEIGHTS_DIR [b,c] [1,2] [tape|sampling]
import Foundation
import SGPPlanning

let args = CommandLine.arguments
let weights = args.count > 1 ? URL(fileURLWithPath: args[1]) : nil
let workloads = args.count > 2 ? args[2].split(separator: ",").map(String.init) : ["b", "c"]
let threadList = args.count > 3 ? args[3].split(separator: ",").compactMap { Int($0) } : [1, 2]
let mode = args.count > 4 ? args[4] : "fused"
for t in threadList {
    do {
        if mode == "sampling" {
            for f in try PlanBenchmarks.sampling(threads: t) { print(f) }
            continue
        }
        for w in workloads { print(try PlanBenchmarks.run(workload: w, threads: t, weights: weights, tapeCost: mode == "tape")) }
    } catch {
        print("error: \(error)")
    }
}
