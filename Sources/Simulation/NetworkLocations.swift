/// Location names of the demo network that the simulation needs.
enum NetworkLocations {
    static let store = "MAIN"
}
