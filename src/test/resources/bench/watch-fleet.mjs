// A fleet of WatchHosts followers written with npm's @grpc/grpc-js and its default options, as
// routers' own sinks are: `followers` streams over `channels` connections, each asking to follow,
// batched or one entry to a message (the public contract). Prints one JSON line per snapshot a
// follower completes; reads "stop" on stdin to end.
//   node watch-fleet.mjs <host:port> <proto dir> <followers> <channels> <batched|public>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import readline from 'node:readline';

const [target, protoDir, followers, channels, mode] = process.argv.slice(2);
const definition = protoLoader.loadSync('router_hosts/v1/hosts.proto', { includeDirs: [protoDir], keepCase: true });
const HostsService = grpc.loadPackageDefinition(definition).router_hosts.v1.HostsService;
// grpc-js shares one connection among clients of the same target and options: a distinct option
// per channel keeps them apart.
const clients = Array.from({ length: Number(channels) }, (_, i) =>
  new HostsService(target, grpc.credentials.createInsecure(), { 'bench.channel': i }));
const calls = [];
for (let i = 0; i < Number(followers); i++) {
  const call = clients[i % clients.length].WatchHosts();
  call.on('data', (response) => {
    if (response.complete) {
      console.log(JSON.stringify({ follower: i, count: response.complete.count }));
    }
  });
  call.on('error', (error) => {
    if (error.code !== grpc.status.CANCELLED) {
      console.log(JSON.stringify({ follower: i, error: error.message }));
    }
  });
  call.write({ follow: true, batched: mode === 'batched' });
  calls.push(call);
}
readline.createInterface({ input: process.stdin }).on('line', () => {
  calls.forEach((call) => call.cancel());
  clients.forEach((client) => client.close());
  process.exit(0);
});
