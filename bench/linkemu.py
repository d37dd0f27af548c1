#!/usr/bin/env python3
"""bench/linkemu.py LISTEN_PORT TARGET_PORT KBIT ONE_WAY_MS LOSS_PCT — a slow
link between two loopback ports, for machines whose kernel has no netem.

Every connection to 127.0.0.1:LISTEN_PORT is relayed to 127.0.0.1:TARGET_PORT.
Each direction is cut into packets of at most 1448 bytes; a packet leaves
when the link has finished sending the previous ones (KBIT kilobits per
second, 52 bytes of IP and TCP headers counted per packet) and arrives
ONE_WAY_MS later. A lost packet (LOSS_PCT %) is felt as TCP feels it: it and
everything behind it wait for a retransmission, one round trip plus 200 ms
later. Order is kept, as TCP keeps it. Prints the port it listens on, then
runs until killed.

With LINKEMU_COUNT=FILE in the environment it keeps in FILE the bytes it
has carried so far, "UP DOWN" (client to server, server to client), for
bench/attachlink's count of what an upload put on the line."""
import asyncio
import os
import random
import sys
import time

MSS = 1448
HEADERS = 52


class Direction:
    """One direction of the link: its sending clock and its last arrival."""

    def __init__(self, kbit, one_way, loss):
        self.bps = kbit * 1000 / 8
        self.one_way = one_way
        self.loss = loss
        self.free_at = 0.0  # when the link finishes what it was given
        self.last_arrival = 0.0
        self.carried = 0  # bytes given to this direction (LINKEMU_COUNT)

    def schedule(self, size):
        now = time.monotonic()
        start = max(now, self.free_at)
        self.free_at = start + (size + HEADERS) / self.bps
        arrival = self.free_at + self.one_way
        if random.random() < self.loss:
            arrival += 2 * self.one_way + 0.2  # retransmission timeout
        self.last_arrival = max(self.last_arrival, arrival)  # in order
        return self.last_arrival


async def pump(reader, writer, link):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            at, data = await queue.get()
            if data is None:
                break
            delay = at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            writer.write(data)
            await writer.drain()
        writer.close()

    task = asyncio.ensure_future(deliver())
    try:
        while True:
            data = await reader.read(MSS)
            if not data:
                break
            await queue.put((link.schedule(len(data)), data))
            link.carried += len(data)
            if COUNT:
                count()
    except ConnectionError:
        pass
    await queue.put((0, None))
    await task


COUNT = os.environ.get("LINKEMU_COUNT")
LINKS = []


def count():
    """Write the bytes carried each way to LINKEMU_COUNT."""
    with open(COUNT + ".tmp", "w") as f:
        f.write("%d %d\n" % (LINKS[0].carried, LINKS[1].carried))
    os.replace(COUNT + ".tmp", COUNT)


async def main():
    listen, target, kbit, one_way_ms, loss_pct = sys.argv[1:6]
    kbit, one_way, loss = float(kbit), float(one_way_ms) / 1000, float(loss_pct) / 100
    # one link shared by all connections, as one office's line is
    up, down = Direction(kbit, one_way, loss), Direction(kbit, one_way, loss)
    LINKS[:] = [up, down]

    async def handle(client_r, client_w):
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", int(target))
        except OSError:
            client_w.close()
            return
        await asyncio.gather(pump(client_r, server_w, up), pump(server_r, client_w, down),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", int(listen))
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    random.seed(int(sys.argv[6]) if len(sys.argv) > 6 else 1)
    asyncio.run(main())
