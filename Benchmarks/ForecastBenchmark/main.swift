print("forecast-benchmark")
