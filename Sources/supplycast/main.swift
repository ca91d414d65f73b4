print("supplycast")
