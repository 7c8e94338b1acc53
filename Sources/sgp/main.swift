print("sgp")
