"""A TCP server on 127.0.0.1 that accepts each connection, reads a little and closes it without
answering: what a client sees when its server drops connections. Prints
`drop-server listening on http://127.0.0.1:PORT`."""
import socket
import sys
import threading


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = socket.create_server(("127.0.0.1", port))
    print(f"drop-server listening on http://127.0.0.1:{server.getsockname()[1]}", flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=drop, args=(conn,), daemon=True).start()


def drop(conn):
    try:
        conn.settimeout(2)
        conn.recv(4096)
    except OSError:
        pass
    finally:
        # RST instead of FIN: SO_LINGER 0 makes close() abort the connection.
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()


if __name__ == "__main__":
    main()
