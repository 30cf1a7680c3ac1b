%% The BEAM side of `./otplab bench framework`: the same five workloads as the JVM contenders,
%% with the plan (rounds, counts) FrameworkBench passes as key=value arguments. It prints one line
%% per measured round, "metric value..." (raw figures; the Java side takes medians and percentiles
%% with the same code as for its own contenders), then "done".
-module(otplab_bench).
-export([main/1]).

-define(BATCH, 1000).

main(Args) ->
    logger:set_primary_config(level, none),
    Plan = maps:from_list([parse(A) || A <- Args]),
    io:format("release ~s~n", [erlang:system_info(otp_release)]),
    try
        [measure(list_to_atom(M), Plan) || M <- string:split(maps:get(metrics, Plan), ",", all)],
        io:format("done~n"),
        halt(0)
    catch
        Class:Reason:Stack ->
            io:format("error ~p:~p ~p~n", [Class, Reason, Stack]),
            halt(1)
    end.

parse(Arg) ->
    [Key, Value] = string:split(Arg, "="),
    {list_to_atom(Key), try list_to_integer(Value) catch error:badarg -> Value end}.

now_ns() -> erlang:monotonic_time(nanosecond).

emit(Metric, Values) ->
    io:format("~s~s~n", [Metric, [io_lib:format(" ~.6f", [float(V)]) || V <- Values]]).

times(N, F) -> [F() || _ <- lists:seq(1, N)].

%% ---- call round trip: µs per call, one round = batches of 1,000 calls for at least round_ms ----

measure(call, #{call_warmups := W, call_rounds := R, call_round_ms := Ms}) ->
    {ok, S} = gen_server:start(otplab_bench_server, echo, []),
    times(W, fun() -> call_round(S, Ms * 1000000) end),
    emit(call, times(R, fun() -> call_round(S, Ms * 1000000) end)),
    gen_server:stop(S);

%% ---- cast throughput: million messages per second, the clock stops at the count's reply ----

measure(cast, #{cast_warmups := W, cast_rounds := R, cast_messages := N}) ->
    times(W, fun() -> cast_round(N) end),
    emit(cast, [N * 1000 / Ns || Ns <- times(R, fun() -> cast_round(N) end)]);

%% ---- spawn: seconds per million waiting processes, and KiB each (erlang:memory(processes)) ----

measure(spawn, #{spawn_warmup_count := WarmN, spawn_rounds := R, spawn_count := N, spawn_budget_ms := Budget}) ->
    spawn_round(WarmN),
    Ends = now_ns() + Budget * 1000000,
    Rounds = spawn_rounds(N, R, Ends, []),
    emit(spawn_time, [S * 1000000 / N || {S, _} <- Rounds]),
    emit(spawn_memory, [K || {_, K} <- Rounds]);

%% ---- supervisor restart: ns from the crash cast to the new incarnation's answer ----

measure(restart, #{restart_warmups := W, restart_rounds := R, restart_count := N}) ->
    Incarnations = counters:new(1, []),
    Self = self(),
    Owner = spawn(fun() ->
                      {ok, Sup} = supervisor:start_link(otplab_bench_sup, Incarnations),
                      Self ! {sup, Sup},
                      receive stop -> ok end
                  end),
    Sup = receive {sup, P} -> P end,
    crash_and_call_again(W, Incarnations),
    [emit(restart_round, crash_and_call_again(N, Incarnations)) || _ <- lists:seq(1, R)],
    unlink(Sup),
    gen_server:stop(Sup),
    Owner ! stop;

%% ---- ring: ns per hop of a token round size processes, laps times a round ----

measure(ring, #{ring_warmups := W, ring_rounds := R, ring_size := Size, ring_laps := Laps}) ->
    Self = self(),
    Nodes = [spawn(fun() -> receive {next, Next} -> ring_node(Next, Self) end end) || _ <- lists:seq(1, Size)],
    [Node ! {next, Next} || {Node, Next} <- lists:zip(Nodes, tl(Nodes) ++ [hd(Nodes)])],
    Lap = fun() ->
              T0 = now_ns(),
              hd(Nodes) ! {token, Laps * Size - 1},
              receive lap_done -> ok end,
              (now_ns() - T0) / (Laps * Size)
          end,
    times(W, Lap),
    emit(ring, times(R, Lap)),
    hd(Nodes) ! stop.

call_round(S, MinNs) ->
    T0 = now_ns(),
    call_batches(S, T0, MinNs, 0).

call_batches(S, T0, MinNs, Done) ->
    call_n(S, ?BATCH),
    Elapsed = now_ns() - T0,
    case Elapsed >= MinNs of
        true -> Elapsed / 1000 / (Done + ?BATCH);
        false -> call_batches(S, T0, MinNs, Done + ?BATCH)
    end.

call_n(_, 0) -> ok;
call_n(S, K) -> gen_server:call(S, ping), call_n(S, K - 1).

cast_round(N) ->
    {ok, S} = gen_server:start(otplab_bench_server, counter, []),
    T0 = now_ns(),
    cast_n(S, N),
    N = gen_server:call(S, count, 120000),
    Ns = now_ns() - T0,
    gen_server:stop(S),
    Ns.

cast_n(_, 0) -> ok;
cast_n(S, K) -> gen_server:cast(S, ping), cast_n(S, K - 1).

spawn_rounds(_, 0, _, Acc) -> lists:reverse(Acc);
spawn_rounds(N, Left, Ends, Acc) ->
    Round = spawn_round(N),
    case now_ns() < Ends of
        true -> spawn_rounds(N, Left - 1, Ends, [Round | Acc]);
        false -> lists:reverse([Round | Acc])
    end.

%% A separate spawner holds the pid list, so its own growth can be taken out of the figure.
spawn_round(N) ->
    Self = self(),
    Started = counters:new(1, [write_concurrency]),
    erlang:garbage_collect(),
    Spawner = spawn(fun() -> spawner(Self, N, Started) end),
    {Before, SpawnerBefore} = receive {ready, M0, S0} -> {M0, S0} end,
    Spawner ! go,
    {Seconds, After, SpawnerAfter} = receive {spawned, S, M1, S1} -> {S, M1, S1} end,
    Spawner ! stop,
    receive stopped -> ok end,
    {Seconds, (After - Before - (SpawnerAfter - SpawnerBefore)) / N / 1024}.

spawner(Parent, N, Started) ->
    {memory, Mine} = erlang:process_info(self(), memory),
    Parent ! {ready, erlang:memory(processes), Mine},
    receive go -> ok end,
    T0 = now_ns(),
    Pids = [spawn(fun() -> counters:add(Started, 1, 1), receive stop -> ok end end) || _ <- lists:seq(1, N)],
    wait_started(Started, N),
    Seconds = (now_ns() - T0) / 1.0e9,
    {memory, MineAfter} = erlang:process_info(self(), memory),
    Parent ! {spawned, Seconds, erlang:memory(processes), MineAfter},
    receive stop -> ok end,
    Refs = [erlang:monitor(process, P) || P <- Pids],
    [P ! stop || P <- Pids],
    [receive {'DOWN', R, process, _, _} -> ok end || R <- Refs],
    Parent ! stopped.

wait_started(Started, N) ->
    case counters:get(Started, 1) >= N of
        true -> ok;
        false -> erlang:yield(), wait_started(Started, N)
    end.

crash_and_call_again(Times, Incarnations) ->
    [begin
         Before = counters:get(Incarnations, 1),
         T0 = now_ns(),
         gen_server:cast(bench_restarted_child, crash),
         AnsweredBy = call_until_answered(),
         Ns = now_ns() - T0,
         AnsweredBy = Before + 1,
         Ns
     end || _ <- lists:seq(1, Times)].

call_until_answered() ->
    try gen_server:call(bench_restarted_child, ping)
    catch exit:_ -> erlang:yield(), call_until_answered()
    end.

ring_node(Next, Parent) ->
    receive
        {token, 0} -> Parent ! lap_done, ring_node(Next, Parent);
        {token, Hops} -> Next ! {token, Hops - 1}, ring_node(Next, Parent);
        stop -> Next ! stop
    end.
