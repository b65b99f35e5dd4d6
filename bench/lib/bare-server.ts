// The baseline: Fastify with one route and nothing else, started the same way as the product
// (node --import tsx), so that the product's figures can be read as a ratio of what the machine does.
import Fastify from "fastify";

const port = Number(process.env.PORT ?? "0");
const app = Fastify({ logger: false });
app.get("/", async () => ({ ok: true }));

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

await app.listen({ port, host: "127.0.0.1" });
