%% The one_for_one supervisor of the restart measurement: it must never give up, since the bench
%% crashes its child about a thousand times a second.
-module(otplab_bench_sup).
-behaviour(supervisor).
-export([init/1]).

init(Incarnations) ->
    Child = #{id => fragile,
              start => {gen_server, start_link, [{local, bench_restarted_child}, otplab_bench_server,
                                                 {fragile, Incarnations}, []]}},
    {ok, {#{strategy => one_for_one, intensity => 1000000000, period => 1}, [Child]}}.
