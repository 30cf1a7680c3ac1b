%% The servers the BEAM side of `./otplab bench framework` measures, twins of OtpLab.java's:
%% echo answers every call with the calls so far; counter counts casts and a call reads the count;
%% fragile's state is which start it is, and a cast crashes it.
-module(otplab_bench_server).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).

init(echo) -> {ok, 0};
init(counter) -> {ok, 0};
init({fragile, Incarnations}) ->
    counters:add(Incarnations, 1, 1),
    {ok, {incarnation, counters:get(Incarnations, 1)}}.

handle_call(_Request, _From, {incarnation, I} = State) -> {reply, I, State};
handle_call(count, _From, N) -> {reply, N, N};
handle_call(_Request, _From, N) -> {reply, N + 1, N + 1}.

handle_cast(crash, {incarnation, _}) -> error(crash_requested);
handle_cast(_Msg, N) -> {noreply, N + 1}.
