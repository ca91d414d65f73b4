/// Contract of a fitted univariate model: its parameters and a recursion that forecasts from any history.
protocol UnivariateModel: Sendable {
    /// Which model this is.
    var kind: ModelKind { get }
    /// Fitted parameters, in a stable order.
    var parameters: [ModelParameter] { get }
    /// Runs the model over `history` with the fitted parameters and forecasts `horizon` periods past its end.
    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast
}
