// A bare socket.io server for the fan-out and board baselines: POST /emit broadcasts one payload to
// everyone, and a subscribe is acknowledged with it.
// Plain JavaScript on purpose: the benchmark forks it both from the build and under Jest.
const { createServer } = require('node:http');
const { Server } = require('socket.io');

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    io.of('/queue').emit('ticket.called', JSON.parse(process.env.PAYLOAD || '{}'));
    res.writeHead(204).end();
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { path: '/socket.io', serveClient: false });
// subscribe is acknowledged with the same constant payload: what a snapshot costs the transport alone.
io.of('/queue').on('connection', (socket) => socket.on('subscribe', (_req, ack) => typeof ack === 'function' && ack(JSON.parse(process.env.PAYLOAD || '{}'))));
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
