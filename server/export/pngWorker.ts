/**
 * A thread that draws the Word export's strip PNGs (see StripPngs in docxStrips.ts): each
 * message `{ id, markup, width }` is answered `{ id, png }` or `{ id, error }`. Drawing
 * is synchronous here (resvg, then our encoder with zlib), so it runs on its own core
 * while the export thread builds and compiles the document, instead of waiting for it.
 */
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../workerThreads';
import { svgToPng } from './svgRaster';

/** A strip to draw: its SVG markup, drawn `width` pixels wide. */
export interface PngJob {
  id: number;
  markup: string;
  width: number;
}
export type PngReply = { id: number; png: Uint8Array } | { id: number; error: string };

lowerThreadPriority();
const port = parentPort;
port?.on('message', (job: PngJob) => {
  let reply: PngReply;
  try {
    reply = { id: job.id, png: svgToPng(job.markup, { width: job.width }).png };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
