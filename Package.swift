// swift-tools-version:6.0
// The sgp package: a scripting language and REPL for offline RL with Score-Guided Planning.
// Dependencies point down: C shims -> SGPTensor -> SGPNN -> SGPPlanning; SGPData/SGPEnvs/SGPPlot beside;
// SGPSyntax imports no tensor code; SGPInterpreter joins them; `sgp` sits on top.
import PackageDescription

// Plain -O, not -Ounchecked: measured side by side (docs/PERFORMANCE.md, "-O vs -Ounchecked") the unchecked build
// was no faster on workloads (a)-(c) (within ±3 %), and -O keeps overflow and precondition traps.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "sgp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sgp", targets: ["sgp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // C libraries: one shim each, imported by exactly one Swift file.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CMuJoCo", path: "Sources/CMuJoCo", providers: [.apt(["libmujoco-dev"])]),
        // Vectorised transcendentals: glibc's scalar tanhf/expf are ~14 ns/element; these are compiled with
        // -O3 -fno-math-errno so the compiler emits SIMD code.
        .target(name: "CKernels", path: "Sources/CKernels",
                cSettings: [.unsafeFlags(["-O3", "-fno-math-errno", "-ffp-contract=fast", "-march=x86-64-v3"])]),

        // Packed-panel SGEMM with fused bias/ReLU/mask epilogues and an AᵀB variant, for MLP training and the
        // planners' rollouts (AVX-512, selected at run time; BLAS otherwise).
        .target(name: "CGemm", path: "Sources/CGemm", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=fast"])]),
        .target(name: "SGPTensor", dependencies: ["COpenBLAS", "CKernels", "CGemm"], exclude: ["README.md"], swiftSettings: optimised),
        // Benchmark harness and the tensor benchmarks (`sgp bench tensor`); figures print as a table or JSON lines.
        .target(name: "SGPBench", dependencies: ["SGPTensor", "CKernels"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPNN", dependencies: ["SGPTensor", "CKernels"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPData", dependencies: ["SGPTensor", "CHDF5", "CCrypto", "ZIPFoundation"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPEnvs", dependencies: ["SGPTensor", "SGPData", "CMuJoCo"], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPPlanning", dependencies: ["SGPTensor", "SGPNN", "SGPData"], exclude: ["README.md"],
                swiftSettings: optimised),
        .target(name: "SGPPlot", dependencies: [], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPSyntax", dependencies: [], exclude: ["README.md"], swiftSettings: optimised),
        .target(name: "SGPInterpreter",
                dependencies: ["SGPSyntax", "SGPTensor", "SGPNN", "SGPPlanning", "SGPData", "SGPEnvs", "SGPPlot"],
                exclude: ["README.md"],
                swiftSettings: optimised),
        .executableTarget(name: "sgp",
                          dependencies: ["SGPInterpreter", "SGPBench", "SGPData", "SGPPlot", "CReadline",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Ink", package: "Ink")],
                          swiftSettings: optimised),

        .target(name: "SGPTestSupport", dependencies: ["SGPTensor"], path: "Tests/SGPTestSupport"),
        .testTarget(name: "SGPTensorTests", dependencies: ["SGPTensor", "SGPTestSupport"]),
        .testTarget(name: "SGPNNTests", dependencies: ["SGPNN", "SGPTestSupport"]),
        .testTarget(name: "SGPDataTests", dependencies: ["SGPData", "SGPEnvs", "SGPTestSupport"], exclude: ["python"]),
        .testTarget(name: "SGPPlanningTests", dependencies: ["SGPPlanning", "SGPEnvs", "SGPTestSupport"]),
        .testTarget(name: "SGPPlotTests", dependencies: ["SGPPlot"], exclude: ["Snapshots"]),
        .testTarget(name: "SGPSyntaxTests", dependencies: ["SGPSyntax"], exclude: ["Snapshots", "Regressions"]),
        .testTarget(name: "SGPCommandTests", dependencies: [], exclude: ["python"]),
        .testTarget(name: "SGPInterpreterTests", dependencies: ["SGPInterpreter", "SGPPlot", "SGPTestSupport"]),
    ]
)
