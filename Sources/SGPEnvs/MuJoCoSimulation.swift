import CMuJoCo

/// A loaded MuJoCo model and its simulation state (the only file that imports `CMuJoCo`; MuJoCo 2.2.2 from
/// Debian's libmujoco-dev).
public final class MuJoCoSimulation {
    private let model: UnsafeMutablePointer<mjModel>
    private let data: UnsafeMutablePointer<mjData>
    /// Number of generalised coordinates (qpos).
    public let nq: Int
    /// Number of degrees of freedom (qvel).
    public let nv: Int
    /// Number of actuators (ctrl).
    public let nu: Int
    /// Seconds per `mj_step`.
    public let timestep: Double

    /// Loads an MJCF file.
    public init(xml path: String) throws {
        sgp_mujoco_capture_warnings()
        var err = [CChar](repeating: 0, count: 1000)
        guard let m = mj_loadXML(path, nil, &err, Int32(err.count)) else {
            let msg = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw EnvError.mujoco(detail: "cannot load '\(path)': \(msg.isEmpty ? "unknown error" : msg)")
        }
        guard let d = mj_makeData(m) else {
            mj_deleteModel(m)
            throw EnvError.mujoco(detail: "cannot allocate simulation data for '\(path)'")
        }
        model = m; data = d
        nq = Int(m.pointee.nq); nv = Int(m.pointee.nv); nu = Int(m.pointee.nu)
        timestep = m.pointee.opt.timestep
    }

    deinit { mj_deleteData(data); mj_deleteModel(model) }

    /// The last warning MuJoCo raised (model compiler notes, simulation instabilities), or nil; MuJoCo's own
    /// printing and MUJOCO_LOG.TXT are replaced by this.
    public static var lastWarning: String? {
        sgp_mujoco_warnings() > 0 ? String(cString: sgp_mujoco_last_warning()) : nil
    }

    /// Number of warnings MuJoCo has raised in this process.
    public static var warningCount: Int { Int(sgp_mujoco_warnings()) }

    /// MuJoCo's version number (222 for 2.2.2).
    public static var version: Int { Int(mj_version()) }

    /// Control ranges (low, high) per actuator; ±∞ for unlimited actuators.
    public var controlRange: (low: [Double], high: [Double]) {
        let m = model.pointee
        var lo = [Double](repeating: -.infinity, count: nu), hi = [Double](repeating: .infinity, count: nu)
        for i in 0..<nu where m.actuator_ctrllimited[i] != 0 {
            lo[i] = m.actuator_ctrlrange[2 * i]; hi[i] = m.actuator_ctrlrange[2 * i + 1]
        }
        return (lo, hi)
    }

    /// The model's default pose (qpos0).
    public var defaultQpos: [Double] { (0..<nq).map { model.pointee.qpos0[$0] } }

    /// Current generalised positions.
    public var qpos: [Double] { (0..<nq).map { data.pointee.qpos[$0] } }
    /// Current generalised velocities.
    public var qvel: [Double] { (0..<nv).map { data.pointee.qvel[$0] } }
    /// qpos[i] without copying the whole vector.
    @inline(__always) public func qpos(_ i: Int) -> Double { data.pointee.qpos[i] }
    /// qvel[i] without copying the whole vector.
    @inline(__always) public func qvel(_ i: Int) -> Double { data.pointee.qvel[i] }

    /// Resets to the default state (mj_resetData).
    public func resetData() { mj_resetData(model, data) }

    /// Sets qpos and qvel and recomputes derived quantities (mj_forward), as Gymnasium's `set_state` does.
    public func setState(qpos: [Double], qvel: [Double]) throws {
        guard qpos.count == nq else { throw EnvError.wrongDimension(env: "mujoco", what: "qpos", expected: nq, got: qpos.count) }
        guard qvel.count == nv else { throw EnvError.wrongDimension(env: "mujoco", what: "qvel", expected: nv, got: qvel.count) }
        for i in 0..<nq { data.pointee.qpos[i] = qpos[i] }
        for i in 0..<nv { data.pointee.qvel[i] = qvel[i] }
        mj_forward(model, data)
    }

    /// Writes the controls and advances `frames` steps of mj_step.
    public func step(ctrl: UnsafePointer<Double>, frames: Int) {
        for i in 0..<nu { data.pointee.ctrl[i] = ctrl[i] }
        for _ in 0..<frames { mj_step(model, data) }
    }

    /// `frames` bare mj_step calls with the current controls (the benchmark's reference cost).
    public func bareSteps(_ frames: Int) {
        for _ in 0..<frames { mj_step(model, data) }
    }
}
