// A bare socket.io server for the fan-out baseline: POST /emit broadcasts one payload to everyone.
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
io.of('/queue').on('connection', () => undefined);
http.listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
