"""SCRAM client side for Columba's tests, using the independent `scramp` library.

Usage: scramp_client.py MECHANISM USERNAME PASSWORD [CHANNEL-BINDING-TYPE HEX-DATA]
Speaks one base64 message per line on stdin/stdout:
  -> client-first
  <- server-first
  -> client-final
  <- server-final, or the line FAIL when the server refused
Then prints VERIFIED when scramp accepted the server signature, REJECTED <why> when it
did not, or REFUSED when the server refused the login.
"""
import base64
import sys

from scramp import ScramClient


def send(text):
    print(base64.b64encode(text.encode("utf-8")).decode("ascii"), flush=True)


def receive():
    line = sys.stdin.readline().strip()
    if line == "FAIL":
        print("REFUSED", flush=True)
        sys.exit(0)
    return base64.b64decode(line).decode("utf-8")


def main():
    mechanism, username, password = sys.argv[1:4]
    binding = None
    if len(sys.argv) > 5:
        binding = (sys.argv[4], bytes.fromhex(sys.argv[5]))
    client = ScramClient([mechanism], username, password, channel_binding=binding)
    send(client.get_client_first())
    client.set_server_first(receive())
    send(client.get_client_final())
    server_final = receive()
    try:
        client.set_server_final(server_final)
    except Exception as error:  # scramp raises ScramException on a bad signature
        print("REJECTED " + str(error), flush=True)
        return
    print("VERIFIED", flush=True)


main()
