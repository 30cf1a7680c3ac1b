# The scenarios, as a learner would write them in Elixir. Each public function of Conf.S is one
# scenario; `conformance/record` runs each in a fresh process and writes its trace. The Java twin
# of scenario x_y is the entry "x_y" in one of the *Scenarios classes of src/test/java/otp/conformance.

defmodule Conf.S do
  import Conf.Log, only: [line: 1, await: 1, await: 2]
  import Conf.N, only: [norm: 1, term: 1]
  alias Conf.W

  # ---- helpers (Java: ScenarioSupport) ---------------------------------------------------------

  defp attempt(f) do
    "ok #{term(f.())}"
  catch
    :exit, r -> "exit #{norm(r)}"
  end

  defp start_result({:ok, _}), do: "{ok,pid}"
  defp start_result(:ignore), do: "ignore"
  defp start_result({:error, {:already_started, _}}), do: "{error,{already_started,pid}}"
  defp start_result({:error, r}), do: "{error,#{norm(r)}}"

  defp down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, r} -> norm(r)
    after
      5000 -> "no DOWN"
    end
  end

  defp next_exit(ms) do
    receive do
      {:EXIT, _, r} -> "EXIT #{norm(r)}"
    after
      ms -> "no EXIT"
    end
  end

  defp mailbox, do: Process.info(self(), :message_queue_len) |> elem(1)

  # Waits for a message the scenario cannot receive without changing what it measures (a DOWN it
  # then demonitors); polling the queue's length holds under any load, where a fixed sleep would not.
  defp await_mailbox(n) do
    if mailbox() < n do
      Process.sleep(1)
      await_mailbox(n)
    end
  end

  defp wait_dead(pid), do: (ref = Process.monitor(pid); down(ref))

  defp pids(sup), do: Map.new(Supervisor.which_children(sup), fn {id, pid, _, _} -> {id, pid} end)

  defp changed(before, now), do: before |> Map.keys() |> Enum.sort() |> Enum.filter(&(before[&1] != now[&1]))

  defp kill(id), do: Process.exit(Process.whereis(W.name(id)), :kill)

  # ---- GenServer: init -------------------------------------------------------------------------

  def init_ok do
    r = W.start(%{id: "w", init: fn s -> {:ok, Map.put(s, :value, 7)} end})
    line("start #{start_result(r)}")
    {:ok, pid} = r
    line("value #{GenServer.call(pid, :value)}")
  end

  def init_stop do
    line("start #{start_result(W.start(%{id: "w", name: :conf_init_stop, init: fn _ -> {:stop, :bad} end}))}")
    line("name free #{Process.whereis(:conf_init_stop) == nil}")
    Process.flag(:trap_exit, true)
    line("start_link #{start_result(W.start_link(%{id: "w", init: fn _ -> {:stop, :bad} end}))}")
    line(next_exit(5000))
  end

  def init_ignore do
    line("start #{start_result(W.start(%{id: "w", name: :conf_init_ignore, init: fn _ -> :ignore end}))}")
    line("name free #{Process.whereis(:conf_init_ignore) == nil}")
    Process.flag(:trap_exit, true)
    line("start_link #{start_result(W.start_link(%{id: "w", init: fn _ -> :ignore end}))}")
    line(next_exit(5000))
  end

  def init_crash do
    line("start #{start_result(W.start(%{id: "w", init: fn _ -> raise "boom" end}))}")
    Process.flag(:trap_exit, true)
    line("start_link #{start_result(W.start_link(%{id: "w", init: fn _ -> raise "boom" end}))}")
    line(next_exit(5000))
  end

  def start_name_taken do
    {:ok, a} = W.start(%{id: "a", name: :conf_taken})
    r = W.start(%{id: "b", name: :conf_taken})
    line("second start #{start_result(r)}")
    {:error, {:already_started, owner}} = r
    line("owner is the first #{owner == a}")
  end

  def start_link_name_taken do
    {:ok, _} = W.start(%{id: "a", name: :conf_taken_link})
    Process.flag(:trap_exit, true)
    line("second start_link #{start_result(W.start_link(%{id: "b", name: :conf_taken_link}))}")
    line(next_exit(300))
  end

  # ---- GenServer: calls ------------------------------------------------------------------------

  def call_timeout_late_reply do
    {:ok, pid} = W.start(%{id: "w", value: 1})
    slow = fn _, s -> Process.sleep(200); {:reply, :late, s} end
    line("call #{attempt(fn -> GenServer.call(pid, {:run, slow}, 50) end)}")
    # Answered after the slow call, so a late reply that reached the mailbox would be there by now.
    line("call again #{attempt(fn -> GenServer.call(pid, :value) end)}")
    line("mailbox #{mailbox()}")
  end

  def call_noproc do
    dead = spawn(fn -> :ok end)
    wait_dead(dead)
    line("call dead pid #{attempt(fn -> GenServer.call(dead, :value) end)}")
    line("call free name #{attempt(fn -> GenServer.call(:conf_nobody, :value) end)}")
    GenServer.cast(dead, :hello)
    GenServer.cast(:conf_nobody, :hello)
    line("casts to nobody returned")
    {:ok, pid} = W.start(%{id: "w"})
    self_call = fn _, s -> {:reply, attempt(fn -> GenServer.call(self(), :value) end), s} end
    line("call self #{GenServer.call(pid, {:run, self_call})}")
  end

  def call_server_crashes do
    {:ok, pid} = W.start(%{id: "w", log: true})
    ref = Process.monitor(pid)
    line("call #{attempt(fn -> GenServer.call(pid, {:run, fn _, _ -> raise "boom" end}) end)}")
    line("DOWN #{down(ref)}")
  end

  def call_server_exits_normally do
    {:ok, pid} = W.start(%{id: "w", log: true})
    line("call #{attempt(fn -> GenServer.call(pid, {:run, fn _, s -> {:stop, :normal, s} end}) end)}")
    line("alive #{Process.alive?(pid)}")
  end

  def noreply_then_reply do
    {:ok, pid} = W.start(%{id: "w"})
    later = fn from, s ->
      send(self(), {:run, fn s2 -> GenServer.reply(from, :later); {:noreply, s2} end})
      {:noreply, s}
    end
    line("reply #{GenServer.call(pid, {:run, later})}")
    elsewhere = fn from, s -> spawn(fn -> GenServer.reply(from, :from_another_process) end); {:noreply, s} end
    line("reply #{GenServer.call(pid, {:run, elsewhere})}")
  end

  def cast_order do
    {:ok, pid} = W.start(%{id: "w", value: []})
    for i <- 1..10, do: GenServer.cast(pid, {:run, fn s -> {:noreply, %{s | value: s.value ++ [i]}} end})
    line("value #{term(GenServer.call(pid, :value))}")
  end

  # ---- GenServer: callbacks --------------------------------------------------------------------

  def callback_crashes do
    {:ok, a} = W.start(%{id: "a", log: true})
    ra = Process.monitor(a)
    GenServer.cast(a, {:run, fn _ -> raise "boom" end})
    line("DOWN a #{down(ra)}")
    {:ok, b} = W.start(%{id: "b", log: true})
    rb = Process.monitor(b)
    send(b, {:run, fn _ -> exit(:boom) end})
    line("DOWN b #{down(rb)}")
  end

  def stop_from_callbacks do
    {:ok, a} = W.start(%{id: "a", log: true})
    ra = Process.monitor(a)
    line("reply #{GenServer.call(a, {:run, fn _, s -> {:stop, :normal, :bye, s} end})}")
    line("DOWN a #{down(ra)}")
    {:ok, b} = W.start(%{id: "b", log: true})
    rb = Process.monitor(b)
    GenServer.cast(b, {:run, fn s -> {:stop, :shutdown, s} end})
    line("DOWN b #{down(rb)}")
    {:ok, c} = W.start(%{id: "c", log: true})
    rc = Process.monitor(c)
    send(c, {:run, fn s -> {:stop, {:shutdown, :done}, s} end})
    line("DOWN c #{down(rc)}")
    {:ok, d} = W.start(%{id: "d", log: true})
    line("call #{attempt(fn -> GenServer.call(d, {:run, fn _, s -> {:stop, :boom, s} end}) end)}")
    {:ok, e} = W.start(%{id: "e", log: true})
    line("GenServer.stop #{GenServer.stop(e)}")
    line("alive #{Process.alive?(e)}")
    line("stop again #{attempt(fn -> GenServer.stop(e) end)}")
  end

  def handle_continue do
    loaded = fn term, s -> line("continue #{term}"); {:noreply, %{s | value: s.value ++ [term]}} end
    {:ok, pid} = W.start(%{id: "w", value: [], continue: loaded, init: fn s -> {:ok, s, {:continue, :load}} end})
    line("value #{term(GenServer.call(pid, :value))}")
    # The continue logs after the reply is sent: the driver logs only once a later call is answered.
    r = GenServer.call(pid, {:run, fn _, s -> {:reply, :ok, s, {:continue, :more}} end})
    v = GenServer.call(pid, :value)
    line("call #{r}")
    line("value #{term(v)}")
    GenServer.cast(pid, {:run, fn s -> {:noreply, s, {:continue, :again}} end})
    line("value #{term(GenServer.call(pid, :value))}")
  end

  def continue_edges do
    # The continue waits for :go, so the monitor is in place before it stops the server.
    quitting = fn _, s -> receive do :go -> {:stop, :normal, s} end end
    {:ok, a} = W.start(%{id: "a", log: true, continue: quitting, init: fn s -> {:ok, s, {:continue, :quit}} end})
    ra = Process.monitor(a)
    send(a, :go)
    line("started, then its continue stops it DOWN #{down(ra)}")
    info = fn msg, s -> line("info #{term(msg)}"); {:noreply, s} end
    timing = fn _, s -> {:noreply, s, 0} end
    {:ok, b} = W.start(%{id: "b", info: info, continue: timing, init: fn s -> {:ok, s, {:continue, :go}} end})
    await("info timeout")
    line("hibernate then call #{GenServer.call(b, {:run, fn _, s -> {:reply, :ok, s, :hibernate} end})} #{GenServer.call(b, :value) |> term()}")
  end

  def timeout_return do
    info = fn msg, s -> line("info #{term(msg)}"); {:noreply, s} end
    {:ok, pid} = W.start(%{id: "w", info: info, init: fn s -> {:ok, s, 0} end})
    await("info timeout")
    # The cast is queued before the 500 ms timeout is armed, so it cancels it whatever the load; the
    # sleep gives a timeout that was not cancelled the time to show up in the trace.
    cast_first = fn _, s -> GenServer.cast(self(), {:run, fn s2 -> line("cast"); {:noreply, s2} end}); {:reply, :ok, s, 500} end
    GenServer.call(pid, {:run, cast_first})
    Process.sleep(800)
    GenServer.call(pid, :value)
    line("no timeout after the cast")
    GenServer.call(pid, {:run, fn _, s -> {:reply, :ok, s, 20} end})
    await("info timeout", 2)
    line("second timeout")
  end

  def parent_exit_runs_terminate do
    me = self()
    parent = spawn(fn ->
      {:ok, t} = W.start_link(%{id: "trapping", log: true, trap: true})
      {:ok, n} = W.start_link(%{id: "plain", log: true})
      send(me, {:children, t, n})
      receive do :die -> exit(:boom) end
    end)
    {t, n} = receive do {:children, t, n} -> {t, n} end
    rt = Process.monitor(t)
    rn = Process.monitor(n)
    send(parent, :die)
    line("trapping DOWN #{down(rt)}")
    line("plain DOWN #{down(rn)}")
    info = fn msg, s -> line("info #{term(msg)}"); {:noreply, s} end
    {:ok, s} = W.start(%{id: "s", trap: true, info: info})
    other = spawn(fn -> receive do :die -> exit(:boom) end end)
    GenServer.call(s, {:run, fn _, st -> Process.link(other); {:reply, :ok, st} end})
    send(other, :die)
    await("info {EXIT,pid,boom}")
    line("linked non-parent exit leaves it alive #{Process.alive?(s)}")
  end

  def genserver_stop_reasons do
    {:ok, a} = W.start(%{id: "a", log: true})
    line("stop #{GenServer.stop(a, :boom)}")
    held = fn _, _ -> receive do :go_on -> :ok after 10_000 -> :ok end end
    {:ok, b} = W.start(%{id: "b", on_terminate: held})
    line("stop with timeout #{attempt(fn -> GenServer.stop(b, :normal, 50) end)}")
    line("alive after the stop timed out #{Process.alive?(b)}")
    rb = Process.monitor(b)
    send(b, :go_on)
    line("then its terminate ends DOWN #{down(rb)}")
    {:ok, c} = W.start(%{id: "c", log: true})
    line("call #{attempt(fn -> GenServer.call(c, {:run, fn _, _ -> exit(:normal) end}) end)}")
  end

  # ---- processes -------------------------------------------------------------------------------

  def message_ordering do
    me = self()
    spawn(fn -> for i <- 1..100, do: send(me, {:n, i}) end)
    got = for _ <- 1..100, do: (receive do {:n, i} -> i end)
    line("100 messages in order #{got == Enum.to_list(1..100)}")
    send(self(), :a)
    send(self(), :b)
    send(self(), :c)
    receive do :c -> :ok end
    first = receive do m -> m end
    second = receive do m -> m end
    line("selective receive took c; then #{first} #{second}")
    Process.flag(:trap_exit, true)
    spawn_link(fn -> send(me, :last_words); exit(:bye) end)
    m1 = receive do m -> m end
    m2 = receive do {:EXIT, _, r} -> "EXIT #{norm(r)}" end
    line("#{m1} then #{m2}")
  end

  def link_propagates_crash do
    me = self()
    a = spawn(fn ->
      b = spawn_link(fn -> receive do :crash -> exit(:boom) end end)
      send(me, {:b, b})
      Process.sleep(:infinity)
    end)
    b = receive do {:b, b} -> b end
    ra = Process.monitor(a)
    rb = Process.monitor(b)
    send(b, :crash)
    line("b DOWN #{down(rb)}")
    line("a DOWN #{down(ra)}")
  end

  def trap_exit do
    Process.flag(:trap_exit, true)
    spawn_link(fn -> exit(:boom) end)
    line(next_exit(5000))
    spawn_link(fn -> :ok end)
    line(next_exit(5000))
    spawn_link(fn -> raise "boom" end)
    line(next_exit(5000))
  end

  def exit_signals do
    me = self()
    a = spawn(fn -> Process.sleep(:infinity) end)
    Process.exit(a, :normal)
    Process.sleep(50)
    line("normal signal ignored, alive #{Process.alive?(a)}")
    ra = Process.monitor(a)
    Process.exit(a, :boom)
    line("boom signal DOWN #{down(ra)}")
    t = spawn(fn ->
      Process.flag(:trap_exit, true)
      send(me, :ready)
      for _ <- 1..2, do: (receive do {:EXIT, from, r} -> send(me, {:trapped, from == me, norm(r)}) end)
    end)
    receive do :ready -> :ok end
    Process.exit(t, :normal)
    Process.exit(t, :boom)
    for _ <- 1..2, do: (receive do {:trapped, from_me, r} -> line("trapped #{r} from me #{from_me}") end)
  end

  # An exit signal a process sends itself: normal ends even a non-trapping process (unlike a normal
  # signal from another process); a trapping one gets it as a message from itself.
  def exit_signal_to_self do
    me = self()
    {_, rp} = spawn_monitor(fn -> Process.exit(self(), :normal); send(me, :plain_lived_on) end)
    line("plain normal to itself DOWN #{down(rp)}")
    spawn(fn ->
      Process.flag(:trap_exit, true)
      Process.exit(self(), :normal)
      receive do {:EXIT, from, r} -> send(me, {:trapped, from == self(), norm(r)}) end
    end)
    receive do {:trapped, from_self, r} -> line("trapping got EXIT #{r} from itself #{from_self}") end
    {_, rk} = spawn_monitor(fn -> Process.flag(:trap_exit, true); Process.exit(self(), :kill); send(me, :killer_lived_on) end)
    line("trapping kill to itself DOWN #{down(rk)}")
    line("mailbox #{mailbox()}")
  end

  def kill do
    me = self()
    Process.flag(:trap_exit, true)
    victim = spawn_link(fn ->
      Process.flag(:trap_exit, true)
      n = spawn_link(fn -> Process.sleep(:infinity) end)
      send(me, {:neighbour, n})
      Process.sleep(:infinity)
    end)
    n = receive do {:neighbour, n} -> n end
    rv = Process.monitor(victim)
    rn = Process.monitor(n)
    Process.exit(victim, :kill)
    line("victim DOWN #{down(rv)}")
    line(next_exit(5000))
    line("non-trapping neighbour DOWN #{down(rn)}")
  end

  def link_to_dead_process do
    dead = spawn(fn -> :ok end)
    wait_dead(dead)
    r = try do
      Process.link(dead)
      "returned"
    catch
      kind, reason -> "#{kind} #{norm(reason)}"
    end
    line("link #{r}")
    line("caller alive")
  end

  def link_and_monitor_counts do
    Process.flag(:trap_exit, true)
    p = spawn(fn -> receive do :die -> exit(:boom) end end)
    Process.link(p)
    Process.link(p)
    Process.unlink(p)
    rp = Process.monitor(p)
    send(p, :die)
    down(rp)
    line("linked twice, unlinked once: #{next_exit(200)}")
    q = spawn(fn -> receive do :die -> exit(:boom) end end)
    r1 = Process.monitor(q)
    r2 = Process.monitor(q)
    send(q, :die)
    line("monitored twice: #{down(r1)} and #{down(r2)}")
  end

  defmodule Bare do
    @moduledoc "A GenServer with init only: every other callback is use GenServer's default."
    use GenServer
    def init(x), do: {:ok, x}
  end

  def default_callbacks do
    {:ok, b} = GenServer.start(Bare, 0)
    rb = Process.monitor(b)
    send(b, :unexpected)
    line("an unexpected message leaves it alive #{Process.alive?(b)}")
    line("call #{attempt(fn -> GenServer.call(b, :x) end)}")
    line("DOWN #{down(rb)}")
    {:ok, c} = GenServer.start(Bare, 0)
    rc = Process.monitor(c)
    GenServer.cast(c, :x)
    line("cast DOWN #{down(rc)}")
  end

  def monitors do
    p = spawn(fn -> receive do :go -> exit(:boom) end end)
    ref = Process.monitor(p)
    send(p, :go)
    line("DOWN #{down(ref)}")
    line("monitor of dead DOWN #{down(Process.monitor(p))}")
    {_, r2} = spawn_monitor(fn -> :ok end)
    line("spawn_monitor DOWN #{down(r2)}")
    q = spawn(fn -> Process.sleep(:infinity) end)
    r3 = Process.monitor(q)
    line("demonitor #{Process.demonitor(r3)}")
    Process.exit(q, :kill)
    Process.sleep(50)
    line("mailbox #{mailbox()}")
  end

  def demonitor_flush do
    p = spawn(fn -> :ok end)
    ref = Process.monitor(p)
    await_mailbox(1)
    line("mailbox before #{mailbox()}")
    line("demonitor flush #{Process.demonitor(ref, [:flush])}")
    line("mailbox after #{mailbox()}")
  end

  def demonitor_after_down do
    p = spawn(fn -> :ok end)
    ref = Process.monitor(p)
    await_mailbox(1)
    line("demonitor #{Process.demonitor(ref)}")
    line("mailbox #{mailbox()}")
  end

  def registered_names do
    p = spawn(fn -> receive do {:ping, from} -> send(from, :pong) end end)
    Process.register(p, :conf_named)
    line("whereis #{Process.whereis(:conf_named) == p}")
    send(:conf_named, {:ping, self()})
    receive do :pong -> line("pong by name") end
    wait_dead(p)
    line("whereis after exit #{term(Process.whereis(:conf_named))}")
    line(try do
      send(:conf_named, :hello)
      "send to free name returned"
    rescue
      ArgumentError -> "send to free name badarg"
    end)
    q = spawn(fn -> Process.sleep(:infinity) end)
    Process.register(q, :conf_held)
    line(try do
      Process.register(self(), :conf_held)
      "register taken returned"
    rescue
      ArgumentError -> "register taken badarg"
    end)
  end

  defp badarg(f) do
    "returned #{term(f.())}"
  rescue
    ArgumentError -> "badarg"
  end

  def name_rules do
    line("register #{badarg(fn -> Process.register(self(), :conf_first) end)}")
    line("a second name for the same process #{badarg(fn -> Process.register(self(), :conf_second) end)}")
    dead = spawn(fn -> :ok end)
    wait_dead(dead)
    line("register a dead process #{badarg(fn -> Process.register(dead, :conf_dead) end)}")
    line("unregister a free name #{badarg(fn -> Process.unregister(:conf_never) end)}")
    other = spawn(fn -> Process.sleep(:infinity) end)
    Process.register(other, :conf_other)
    line("unregister another process's name #{badarg(fn -> Process.unregister(:conf_other) end)}")
    line("whereis it after #{term(Process.whereis(:conf_other))}")
    line("unregister its own #{badarg(fn -> Process.unregister(:conf_first) end)}")
    line("then a new name #{badarg(fn -> Process.register(self(), :conf_second) end)}")
  end

  # ---- supervisors -----------------------------------------------------------------------------

  defp three(strategy) do
    Process.flag(:trap_exit, true)
    {:ok, sup} = Supervisor.start_link([W.child("a"), W.child("b"), W.child("c")], strategy: strategy)
    before = pids(sup)
    line("kill b")
    kill("b")
    await(if(strategy == :one_for_one, do: "start b", else: "start c"), 2)
    line("restarted #{term(changed(before, pids(sup)))}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def one_for_one, do: three(:one_for_one)
  def one_for_all, do: three(:one_for_all)
  def rest_for_one, do: three(:rest_for_one)

  def restart_types do
    Process.flag(:trap_exit, true)
    children = [W.child("p"), W.child("t", %{restart: :transient}), W.child("tmp", %{restart: :temporary})]
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
    GenServer.cast(W.name("p"), {:run, fn s -> {:stop, :normal, s} end})
    await("start p", 2)
    t = Process.whereis(W.name("t"))
    GenServer.cast(t, {:run, fn s -> {:stop, :normal, s} end})
    wait_dead(t)
    tmp = Process.whereis(W.name("tmp"))
    GenServer.cast(tmp, {:run, fn _ -> raise "boom" end})
    wait_dead(tmp)
    Process.sleep(100)
    rows = Supervisor.which_children(sup) |> Enum.map(fn {id, pid, _, _} -> "#{id}:#{if is_pid(pid), do: "running", else: term(pid)}" end)
    line("children #{rows |> Enum.sort() |> Enum.join(",")}")
    line("restart_child t #{elem(Supervisor.restart_child(sup, "t"), 0)}")
    GenServer.cast(W.name("t"), {:run, fn _ -> raise "boom" end})
    await("start t", 3)
    Supervisor.stop(sup)
  end

  def transient_exit_reasons do
    Process.flag(:trap_exit, true)
    children = for id <- ["n", "s", "sx", "x"], do: W.child(id, %{restart: :transient})
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
    for {id, reason} <- [{"n", :normal}, {"s", :shutdown}, {"sx", {:shutdown, :done}}, {"x", :boom}] do
      pid = Process.whereis(W.name(id))
      GenServer.cast(pid, {:run, fn s -> {:stop, reason, s} end})
      wait_dead(pid)
    end
    await("start x", 2)
    rows = Supervisor.which_children(sup) |> Enum.map(fn {id, pid, _, _} -> "#{id}:#{if is_pid(pid), do: "running", else: term(pid)}" end)
    line("children #{rows |> Enum.sort() |> Enum.join(",")}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def linked_caller_of_a_crashing_server do
    Process.flag(:trap_exit, true)
    {:ok, pid} = W.start_link(%{id: "w", log: true})
    line("call #{attempt(fn -> GenServer.call(pid, {:run, fn _, _ -> raise "boom" end}) end)}")
    receive do {:EXIT, ^pid, r} -> line("then EXIT #{norm(r)}") after 5000 -> line("no EXIT") end
  end

  def restart_intensity do
    Process.flag(:trap_exit, true)
    {:ok, sup} = Supervisor.start_link([W.child("a")], strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
    for n <- 2..3 do
      line("kill a")
      kill("a")
      await("start a", n)
    end
    line("kill a")
    kill("a")
    receive do {:EXIT, ^sup, r} -> line("supervisor EXIT #{norm(r)}") end
  end

  def shutdown_order do
    Process.flag(:trap_exit, true)
    lingering = fn _, _ -> line("c lingers"); Process.sleep(2000); line("c never gets here") end
    children = [W.child("a"), W.child("b", %{shutdown: :brutal_kill}),
                W.child("c", %{shutdown: 100, on_terminate: lingering}), W.child("d")]
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
    refs = for id <- ["a", "b", "c", "d"], do: {id, Process.monitor(Process.whereis(W.name(id)))}
    line("stop supervisor #{Supervisor.stop(sup)}")
    for {id, ref} <- refs, do: line("#{id} DOWN #{down(ref)}")
  end

  def child_start_failure do
    Process.flag(:trap_exit, true)
    children = [W.child("a"), W.child("b", %{init: fn _ -> {:stop, :nope} end}), W.child("c")]
    line("start #{start_result(Supervisor.start_link(children, strategy: :one_for_one))}")
    line(next_exit(5000))
  end

  def restart_failure_gives_up do
    Process.flag(:trap_exit, true)
    broken = fn s -> if Process.whereis(:conf_break), do: {:stop, :broken}, else: {:ok, s} end
    {:ok, sup} = Supervisor.start_link([W.child("a", %{init: broken})], strategy: :one_for_one, max_restarts: 3, max_seconds: 5)
    Process.register(self(), :conf_break)
    line("kill a")
    kill("a")
    receive do {:EXIT, ^sup, r} -> line("supervisor EXIT #{norm(r)}") end
  end

  def child_management do
    Process.flag(:trap_exit, true)
    {:ok, sup} = Supervisor.start_link([W.child("a"), W.child("b")], strategy: :one_for_one)
    line("terminate a #{term(Supervisor.terminate_child(sup, "a"))}")
    c = Supervisor.count_children(sup)
    line("counts specs #{c.specs} active #{c.active} workers #{c.workers} supervisors #{c.supervisors}")
    line("restart a #{elem(Supervisor.restart_child(sup, "a"), 0)}")
    line("restart running #{term(Supervisor.restart_child(sup, "a"))}")
    line("delete running #{term(Supervisor.delete_child(sup, "a"))}")
    Supervisor.terminate_child(sup, "a")
    line("start_child stopped id #{term(Supervisor.start_child(sup, W.child("a")))}")
    line("delete #{term(Supervisor.delete_child(sup, "a"))}")
    line("terminate unknown #{term(Supervisor.terminate_child(sup, "zz"))}")
    line("start_child running id #{term(Supervisor.start_child(sup, W.child("b")))}")
    line("start_child c #{term(Supervisor.start_child(sup, W.child("c")))}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def one_for_all_temporary do
    Process.flag(:trap_exit, true)
    children = [W.child("a"), W.child("tmp", %{restart: :temporary}), W.child("c")]
    {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_all)
    line("kill a")
    kill("a")
    await("start c", 2)
    line("children #{Supervisor.which_children(sup) |> Enum.map(&elem(&1, 0)) |> Enum.sort() |> term()}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def child_spec_conventions do
    Process.flag(:trap_exit, true)
    {:ok, sup} = Supervisor.start_link([W.child("a", %{restart: :transient, shutdown: 300})], strategy: :one_for_one)
    {:ok, a} = :supervisor.get_childspec(sup, "a")
    line("get_childspec a #{a.id} #{a.restart} #{a.shutdown} #{a.type}")
    line("get_childspec unknown #{term(:supervisor.get_childspec(sup, "zz"))}")
    {:ok, _} = Supervisor.start_child(sup, W.child_spec(%{id: "d", log: true}))
    {:ok, d} = :supervisor.get_childspec(sup, W)
    line("use GenServer's child_spec: id is the module #{d.id == W}, #{d.restart} #{d.shutdown} #{d.type}")
    {:ok, _} = Supervisor.start_child(sup, Supervisor.child_spec(W.child("b"), id: "b2", restart: :temporary))
    {:ok, b} = :supervisor.get_childspec(sup, "b2")
    line("Supervisor.child_spec overrides #{b.id} #{b.restart}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def ignored_children do
    Process.flag(:trap_exit, true)
    ig = fn _ -> :ignore end
    {:ok, sup} = Supervisor.start_link([W.child("a"), W.child("i", %{init: ig})], strategy: :one_for_one)
    rows = Supervisor.which_children(sup) |> Enum.map(fn {id, pid, _, _} -> "#{id}:#{if is_pid(pid), do: "running", else: term(pid)}" end)
    line("children #{rows |> Enum.sort() |> Enum.join(",")}")
    c = Supervisor.count_children(sup)
    line("counts specs #{c.specs} active #{c.active}")
    line("restart the ignored child #{term(Supervisor.restart_child(sup, "i"))}")
    line("start_child ignoring #{term(Supervisor.start_child(sup, W.child("j", %{init: ig})))}")
    # Supervisor.start_child answers {:error, {reason, child}}, child being the supervisor's own record of the spec.
    {:error, {r, _child}} = Supervisor.start_child(sup, W.child("m", %{init: fn _ -> {:stop, :nope} end}))
    line("start_child stopping {error,{#{norm(r)},child}}")
    {:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one)
    line("dynamic start_child ignoring #{term(DynamicSupervisor.start_child(ds, W.child("k", %{init: ig})))}")
    line("dynamic active #{DynamicSupervisor.count_children(ds).active}")
    stopping = W.child("l", %{init: fn _ -> {:stop, :nope} end})
    line("dynamic start_child stopping #{term(DynamicSupervisor.start_child(ds, stopping))}")
    # Stopped here: left to the driver's exit, their shutdown would race the reading of the trace.
    line("stop both #{Supervisor.stop(ds)} #{Supervisor.stop(sup)}")
  end

  def which_children_order do
    Process.flag(:trap_exit, true)
    {:ok, sup} = Supervisor.start_link([W.child("a"), W.child("b"), W.child("c")], strategy: :one_for_one)
    line("static #{Supervisor.which_children(sup) |> Enum.map(&elem(&1, 0)) |> term()}")
    line("stop supervisor #{Supervisor.stop(sup)}")
  end

  def nested_supervisors do
    Process.flag(:trap_exit, true)
    inner = %{id: "inner", type: :supervisor,
              start: {Supervisor, :start_link, [[W.child("a")], [strategy: :one_for_one, max_restarts: 1, max_seconds: 5, name: :conf_inner]]}}
    {:ok, outer} = Supervisor.start_link([inner, W.child("b")], strategy: :one_for_one)
    first = Process.whereis(:conf_inner)
    line("kill a")
    kill("a")
    await("start a", 2)
    line("kill a")
    kill("a")
    await("start a", 3)
    line("inner restarted by outer #{Process.whereis(:conf_inner) != first}")
    c = Supervisor.count_children(outer)
    line("outer counts specs #{c.specs} active #{c.active} workers #{c.workers} supervisors #{c.supervisors}")
    line("stop outer #{Supervisor.stop(outer)}")
  end

  def dynamic_supervisor_gives_up do
    Process.flag(:trap_exit, true)
    {:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one, max_restarts: 1, max_seconds: 5)
    {:ok, _} = DynamicSupervisor.start_child(ds, W.child("a"))
    line("kill a")
    kill("a")
    await("start a", 2)
    line("kill a")
    kill("a")
    receive do {:EXIT, ^ds, r} -> line("supervisor EXIT #{norm(r)}") end
  end

  def dynamic_supervisor do
    Process.flag(:trap_exit, true)
    {:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one, max_children: 2)
    {:ok, _} = DynamicSupervisor.start_child(ds, W.child("a"))
    {:ok, b} = DynamicSupervisor.start_child(ds, W.child("b", %{restart: :temporary}))
    line("third child #{start_result(DynamicSupervisor.start_child(ds, W.child("c")))}")
    line("kill a")
    kill("a")
    await("start a", 2)
    line("terminate b #{term(DynamicSupervisor.terminate_child(ds, b))}")
    line("terminate b again #{term(DynamicSupervisor.terminate_child(ds, b))}")
    line("active #{DynamicSupervisor.count_children(ds).active}")
    line("stop #{Supervisor.stop(ds)}")
  end

  def dynamic_supervisor_stops_children_together do
    me = self()
    Process.flag(:trap_exit, true)
    {:ok, ds} = DynamicSupervisor.start_link(strategy: :one_for_one)
    greet = fn {:hello, _}, s -> {:noreply, Map.put(s, :greeted, true)} end
    meet = fn _, s ->
      send(W.name(s.peer), {:hello, s.id})
      met = s[:greeted] || receive do {:hello, _} -> true after 3000 -> false end
      send(me, {:met, s.id, met})
    end
    for {id, peer} <- [{"a", "b"}, {"b", "a"}] do
      DynamicSupervisor.start_child(ds, W.child(id, %{log: false, peer: peer, info: greet, on_terminate: meet}))
    end
    Supervisor.stop(ds)
    for id <- ["a", "b"] do
      receive do
        {:met, ^id, met} -> line("#{id} met its peer #{met}")
      after
        10_000 -> line("#{id} never answered")
      end
    end
  end

  # ---- Registry, Task, Agent, timers, PubSub ---------------------------------------------------

  defp registration(f) do
    case f.() do
      {:ok, _} -> "ok"
      {:error, {:already_registered, _}} -> "already_registered"
    end
  end

  def registry do
    me = self()
    {:ok, _} = Registry.start_link(keys: :unique, name: ConfReg)
    line("register #{registration(fn -> Registry.register(ConfReg, "k", 1) end)}")
    [{owner, value}] = Registry.lookup(ConfReg, "k")
    line("lookup k self #{owner == self()} value #{value}")
    spawn(fn -> send(me, {:other, registration(fn -> Registry.register(ConfReg, "k", 2) end)}) end)
    receive do {:other, r} -> line("other registers k #{r}") end
    p = spawn(fn -> Registry.register(ConfReg, "k2", :x); send(me, :registered); Process.sleep(:infinity) end)
    receive do :registered -> :ok end
    line("lookup k2 #{length(Registry.lookup(ConfReg, "k2"))}")
    Process.exit(p, :kill)
    wait_dead(p)
    line("lookup k2 after exit #{length(Registry.lookup(ConfReg, "k2"))}")
    line("keys #{term(Registry.keys(ConfReg, self()))}")
    {:ok, _} = W.start(%{id: "v", value: 5, name: {:via, Registry, {ConfReg, "srv"}}})
    line("call via #{GenServer.call({:via, Registry, {ConfReg, "srv"}}, :value)}")
    line("unregister k #{Registry.unregister(ConfReg, "k")}")
    line("lookup k #{length(Registry.lookup(ConfReg, "k"))}")
  end

  def registry_unregister_not_held do
    {:ok, _} = Registry.start_link(keys: :unique, name: ConfReg2)
    line("unregister #{Registry.unregister(ConfReg2, "never")}")
  end

  def task do
    Process.flag(:trap_exit, true)
    line("await #{Task.await(Task.async(fn -> 21 * 2 end))}")
    slow = Task.async(fn -> Process.sleep(300); :late end)
    line("await #{attempt(fn -> Task.await(slow, 50) end)}")
    crash = Task.async(fn -> raise "boom" end)
    line("await #{attempt(fn -> Task.await(crash) end)}")
    receive do {:EXIT, pid, r} when pid == crash.pid -> line("EXIT #{norm(r)}") end
  end

  def task_await_leaves_no_down do
    for _ <- 1..5000, do: Task.await(Task.async(fn -> :ok end))
    Process.sleep(50)
    strays = Process.info(self(), :messages) |> elem(1) |> Enum.count(&match?({:DOWN, _, _, _, _}, &1))
    line("DOWN messages left #{strays}")
  end

  def task_yield_shutdown do
    t = Task.async(fn -> Process.sleep(300); :done end)
    line("yield #{term(Task.yield(t, 20))}")
    line("yield #{term(Task.yield(t, 2000))}")
    forever = Task.async(fn -> Process.sleep(:infinity) end)
    line("shutdown #{term(Task.shutdown(forever))}")
    line("alive #{Process.alive?(forever.pid)}")
  end

  def task_results_taken_once do
    t = Task.async(fn -> :done end)
    line("yield #{term(Task.yield(t, 5000))}")
    line("yield again #{term(Task.yield(t, 50))}")
    finished = Task.async(fn -> :finished end)
    rf = Process.monitor(finished.pid)
    down(rf)
    line("shutdown of a finished task #{term(Task.shutdown(finished))}")
    Process.flag(:trap_exit, true)
    crashed = Task.async(fn -> exit(:boom) end)
    line("yield of a task that exits #{term(Task.yield(crashed, 5000))}")
    line(next_exit(5000))
    line("mailbox #{mailbox()}")
  end

  def registry_twice do
    {:ok, _} = Registry.start_link(keys: :unique, name: ConfReg3)
    line("register #{registration(fn -> Registry.register(ConfReg3, "k", 1) end)}")
    line("register the same key again #{registration(fn -> Registry.register(ConfReg3, "k", 2) end)}")
    line("value #{Registry.lookup(ConfReg3, "k") |> Enum.map(&elem(&1, 1)) |> term()}")
    {:ok, _} = W.start(%{id: "a", name: {:via, Registry, {ConfReg3, "srv"}}})
    line("second server under the via name #{start_result(W.start(%{id: "b", name: {:via, Registry, {ConfReg3, "srv"}}}))}")
  end

  def agent do
    {:ok, a} = Agent.start_link(fn -> 0 end)
    line("update #{Agent.update(a, &(&1 + 1))}")
    line("get #{Agent.get(a, & &1)}")
    line("cast #{Agent.cast(a, &(&1 + 10))}")
    line("get #{Agent.get(a, & &1)}")
    line("stop #{Agent.stop(a)}")
    line("alive #{Process.alive?(a)}")
  end

  def agent_get_and_update do
    {:ok, a} = Agent.start_link(fn -> 5 end)
    line("get_and_update #{Agent.get_and_update(a, fn n -> {n, n * 2} end)}")
    line("get #{Agent.get(a, & &1)}")
  end

  def agent_get_timeout do
    {:ok, a} = Agent.start(fn -> 5 end)
    line("get #{attempt(fn -> Agent.get(a, fn n -> Process.sleep(200); n end, 50) end)}")
  end

  def library_edges do
    {_, r} = spawn_monitor(fn -> Task.await(Task.async(fn -> raise "boom" end)) end)
    line("owner of a crashing task DOWN #{down(r)}")
    {:ok, a} = Agent.start(fn -> 0 end)
    ra = Process.monitor(a)
    line("agent get raising #{attempt(fn -> Agent.get(a, fn _ -> raise "boom" end) end)}")
    line("agent DOWN #{down(ra)}")
    Process.send_after(:conf_nobody_registered, :hi, 10)
    t = Process.send_after(self(), :x, 1000)
    line("cancel once #{is_integer(Process.cancel_timer(t))}")
    line("cancel twice #{Process.cancel_timer(t)}")
    line("cast to a free global name #{GenServer.cast({:global, :conf_nobody}, :hi)}")
    line("call to a free global name #{attempt(fn -> GenServer.call({:global, :conf_nobody}, :hi) end)}")
    Process.sleep(50)
    line("send_after to a free name left the sender alive, mailbox #{mailbox()}")
  end

  def timers do
    ref = Process.send_after(self(), :tick, 20)
    receive do :tick -> line("tick") end
    late = Process.send_after(self(), :late, 1000)
    line("cancel pending gives ms left #{is_integer(Process.cancel_timer(late))}")
    Process.sleep(50)
    line("mailbox #{mailbox()}")
    line("cancel fired #{Process.cancel_timer(ref)}")
    Process.register(self(), :conf_timer_target)
    Process.send_after(:conf_timer_target, :named, 10)
    receive do :named -> line("named tick") end
  end

  def timers_zero_delay do
    for i <- 1..300, do: Process.send_after(self(), {:t, i}, 0)
    got = for _ <- 1..300, do: (receive do {:t, i} -> i after 2000 -> nil end)
    line("received #{Enum.count(got, &(&1 != nil))} of 300")
  end

  # Phoenix.PubSub on one node is a Registry with duplicate keys; Java's PubSub mirrors that.
  def pubsub do
    me = self()
    {:ok, _} = Registry.start_link(keys: :duplicate, name: ConfPubSub)
    broadcast = fn msg, except ->
      Registry.dispatch(ConfPubSub, "room", fn entries ->
        for {pid, _} <- entries, pid != except, do: send(pid, msg)
      end)
    end
    subscriber = fn id ->
      spawn(fn ->
        Registry.register(ConfPubSub, "room", nil)
        send(me, {:ready, id})
        for _ <- 1..3, do: (receive do m -> send(me, {:got, id, m}) end)
      end)
    end
    subscriber.(1)
    s2 = subscriber.(2)
    for id <- [1, 2], do: (receive do {:ready, ^id} -> :ok end)
    broadcast.(:hello, nil)
    for id <- [1, 2], do: (receive do {:got, ^id, m} -> line("#{id} got #{m}") end)
    Registry.register(ConfPubSub, "room", nil)
    broadcast.(:from_me, self())
    for id <- [1, 2], do: (receive do {:got, ^id, m} -> line("#{id} got #{m}") end)
    line("mailbox #{mailbox()}")
    Process.exit(s2, :kill)
    wait_dead(s2)
    Process.sleep(50)
    line("subscribers #{length(Registry.lookup(ConfPubSub, "room"))}")
    broadcast.(:after, nil)
    receive do {:got, 1, m} -> line("1 got #{m}") end
    receive do m -> line("self got #{term(m)}") end
  end

  # ---- global names, thrown returns, monitors by name, call exits -------------------------------

  def global_names do
    {:ok, p} = W.start(%{id: "g", value: 3, name: {:global, :conf_global}})
    line("call #{GenServer.call({:global, :conf_global}, :value)}")
    line("whereis #{:global.whereis_name(:conf_global) == p}")
    GenServer.stop({:global, :conf_global})
    line("whereis after stop #{term(:global.whereis_name(:conf_global))}")
  end

  def throw_as_return do
    {:ok, pid} = W.start(%{id: "w", value: 1})
    line("reply #{GenServer.call(pid, {:run, fn _, s -> throw({:reply, :thrown, s}) end})}")
    line("value #{GenServer.call(pid, :value)}")
  end

  def monitor_by_name do
    {:ok, pid} = W.start(%{id: "w", name: :conf_monitored})
    ref = Process.monitor(:conf_monitored)
    GenServer.stop(pid)
    receive do {:DOWN, ^ref, :process, who, r} -> line("DOWN #{term(who)} #{norm(r)}") end
    line("unregistered name DOWN #{down(Process.monitor(:conf_nobody_here))}")
  end

  def call_exit_carries_request do
    {:ok, pid} = W.start(%{id: "w", name: :conf_slow})
    r = try do
      GenServer.call(:conf_slow, {:run, fn _, s -> Process.sleep(200); {:reply, :ok, s} end}, 50)
    catch
      :exit, {:timeout, {GenServer, :call, [dest, _request, ms]}} -> "{timeout,{GenServer,call,[#{term(dest)},request,#{ms}]}}"
    end
    line("exit #{r}")
    GenServer.stop(pid)
  end
end
