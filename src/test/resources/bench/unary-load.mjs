// An independent router_hosts.v1 client: npm's @grpc/grpc-js with its default options, as routers'
// own tools call Vigil. Sends `count` unary calls from `writers` callers at once (each waits for its
// answer before its next call) and prints the calls per second and the CPU the client spent.
//   node unary-load.mjs <host:port> <proto dir> <Liveness|AddHost> <writers> <count> <prefix>
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [target, protoDir, method, writers, count, prefix] = process.argv.slice(2);
const definition = protoLoader.loadSync('router_hosts/v1/hosts.proto', { includeDirs: [protoDir], keepCase: true });
const HostsService = grpc.loadPackageDefinition(definition).router_hosts.v1.HostsService;
const client = new HostsService(target, grpc.credentials.createInsecure());

function request(i) {
  if (method === 'Liveness') {
    return {};
  }
  return { ip_address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostname: `${prefix}${i}.bench.example`, tags: ['bench'] };
}

function call(i) {
  return new Promise((resolve, reject) => {
    client[method](request(i), (error) => (error ? reject(error) : resolve()));
  });
}

const total = Number(count);
let next = 0;
async function writer() {
  for (let i = next++; i < total; i = next++) {
    await call(i);
  }
}

await new Promise((resolve, reject) => client.waitForReady(Date.now() + 10000, (error) => (error ? reject(error) : resolve())));
const started = process.hrtime.bigint();
await Promise.all(Array.from({ length: Number(writers) }, writer));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ method, writers: Number(writers), calls: total, perSecond: total / seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
client.close();
