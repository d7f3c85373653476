#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide settings of the C allocator for the commands that build tasks over a whole
/// history (ingest, classify). No-ops where the C library is not glibc.
///
/// Why: glibc serves every allocation below its mmap threshold from its heaps, and by default
/// raises that threshold up to 32 MiB as large blocks are freed. Task building makes many
/// large, short-lived buffers (the commits of a 75,000-commit history, a chunk's encoded
/// tasks, grouping indexes); once the threshold has risen they land in the heap, and a heap
/// only gives memory back from its top, so the freed buffers of one stage stay resident under
/// the next stage's live data and the peak becomes the sum of the stages. A fixed threshold of
/// 128 KiB keeps each large buffer in its own mapping, returned to the system when freed, and
/// `releaseFreeMemory()` after a big stage hands the heaps' free pages back.
package enum Allocator {
    /// Blocks this large or larger get their own mapping (glibc's default starting threshold;
    /// setting it explicitly also stops glibc from raising it).
    package static let mmapThreshold: Int32 = 128 * 1024

    #if canImport(Glibc)
        /// `mallopt` and `malloc_trim` are glibc's (`<malloc.h>`), which the Glibc module does not
        /// import: found by name in the running process (`RTLD_DEFAULT` is a null handle on glibc).
        private typealias MalloptFunction = @convention(c) (Int32, Int32) -> Int32
        private typealias MallocTrimFunction = @convention(c) (Int) -> Int32

        /// `M_MMAP_THRESHOLD` and `M_ARENA_MAX` in `<malloc.h>`.
        private static let mmapThresholdParameter: Int32 = -3
        private static let arenaMaximumParameter: Int32 = -8

        private static func function<F>(_ name: String, as type: F.Type) -> F? {
            dlsym(nil, name).map { unsafeBitCast($0, to: type) }
        }
    #endif

    /// Fixes the mmap threshold and keeps one arena (heap) for all threads. Call once, early, on the main thread: the setting is
    /// process-wide (call it from the command that needs it, not from library code or tests).
    package static func configureForLargeBuilds() {
        #if canImport(Glibc)
            // mallopt returns 0 on failure; then the defaults stay, which are only slower to return
            // memory. Not found: not glibc's allocator after all, nothing to set.
            let mallopt = function("mallopt", as: MalloptFunction.self)
            _ = mallopt?(mmapThresholdParameter, mmapThreshold)
            // One heap for every thread: the threads that finish tasks in parallel otherwise each
            // get a heap of their own, whose freed memory the others cannot reuse (on a 75,000-commit
            // history the peak varied from 150 to 165 MiB between runs; with one heap, 150 every time).
            _ = mallopt?(arenaMaximumParameter, 1)
        #endif
    }

    /// Returns the heaps' free pages to the system after a stage freed its large values.
    package static func releaseFreeMemory() {
        #if canImport(Glibc)
            // malloc_trim reports only whether it released anything; either way is fine.
            _ = function("malloc_trim", as: MallocTrimFunction.self)?(0)
        #endif
    }
}
