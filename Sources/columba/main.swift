print("columba")
