import COpenBLAS

/// Controls OpenBLAS's own thread pool so it does not compete with series-level parallelism.
public enum BLASThreading {
    /// Number of threads OpenBLAS currently uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the OpenBLAS thread count; use 1 whenever the caller already runs series in parallel.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// Puts OpenBLAS on one thread the first time any caller asks, once per process: callers that run series on
    /// every core use it, and changing the count again while another thread is inside a BLAS call is not safe.
    public static func keepToOneThread() {
        _ = oneThread
    }

    private static let oneThread: Void = openblas_set_num_threads(1)
}
