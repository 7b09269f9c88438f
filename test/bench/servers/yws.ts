/**
 * Baseline 1: the Yjs reference server, i.e. a minimal server on `@y/websocket-server` 0.1.1
 * exactly as its own `server.js` builds it. Its default persistence is none: documents live only
 * in memory (and are never unloaded, because `closeConn` only drops a doc when persistence is set).
 * Setting YPERSISTENCE=<dir> turns on its built-in y-leveldb persistence (used only where a
 * scenario needs something stored; the report says so).
 *
 * The utils keep module-wide state (`docs`), so every server is its own process.
 * Env: PORT (required), HOST (default 127.0.0.1).
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    wss.emit('connection', ws, req);
  });
});
server.listen(port, host);
