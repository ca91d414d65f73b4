/// Contract of a fitted univariate model: its parameters and a recursion that forecasts from any history.
protocol UnivariateModel: Sendable {
    /// Which model this is.
    var kind: ModelKind { get }
    /// Fitted parameters, in a stable order.
    var parameters: [ModelParameter] { get }
    /// Runs the model over `history` with the fitted parameters and forecasts `horizon` periods past its end.
    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast
    /// Forecasts from several origins (`history[0..<origin]` each); models with a recursion do it in one pass.
    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast]
}

extension UnivariateModel {
    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        origins.map { forecast(history: UnsafeBufferPointer(rebasing: history[0..<$0]), horizon: horizon) }
    }
}
