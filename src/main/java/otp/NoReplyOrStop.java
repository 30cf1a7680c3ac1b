package otp;

/**
 * What handleCast, handleInfo and handleContinue have in common: go on ({@link GenServer.NoReply})
 * or stop ({@link GenServer.Stop}). Lets the server loop treat the three with one exhaustive switch.
 */
sealed interface NoReplyOrStop<S> permits GenServer.CastResult, GenServer.InfoResult, GenServer.ContinueResult {}
