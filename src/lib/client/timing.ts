/**
 * User Timing for `npm run bench`: how long from the start of a read of the device's data
 * (`readMark`, set by whoever reads) to the first frame painted with what was read.
 *
 * Call it from an effect that runs once the DOM shows the read's result. The frame is painted after
 * its animation-frame callbacks, so a task queued from one runs just after that paint. Once per
 * read: the read's mark is then cleared, so a later effect with no new read measures nothing, and
 * only the latest entries are kept. Returns the cleanup for the effect.
 */
export function measurePaintedAfterRead(
	readMark: string,
	paintedMark: string,
	measure: string
): () => void {
	let task: ReturnType<typeof setTimeout> | undefined;
	const frame = requestAnimationFrame(() => {
		task = setTimeout(() => {
			if (performance.getEntriesByName(readMark, 'mark').length === 0) return;
			performance.clearMarks(paintedMark);
			performance.clearMeasures(measure);
			performance.mark(paintedMark);
			performance.measure(measure, readMark, paintedMark);
			performance.clearMarks(readMark);
		});
	});
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(task);
	};
}
