# Runs every scenario of Conf.S (or those named on the command line) on this machine's BEAM and
# writes src/test/resources/conformance/<scenario>.trace. Run through conformance/record.
Code.require_file("support.exs", __DIR__)
Code.require_file("scenarios.exs", __DIR__)

defmodule Conf.Recorder do
  @out Path.expand("../src/test/resources/conformance", __DIR__)

  def main(args) do
    File.mkdir_p!(@out)
    names = if args == [], do: all(), else: args

    for name <- names do
      lines = run(String.to_atom(name))
      File.write!(Path.join(@out, name <> ".trace"), Enum.map(lines, &(&1 <> "\n")))
      IO.puts("#{name}: #{length(lines)} lines")
    end
  end

  defp all do
    Conf.S.__info__(:functions)
    |> Enum.filter(fn {_, arity} -> arity == 0 end)
    |> Enum.map(fn {name, _} -> Atom.to_string(name) end)
    |> Enum.sort()
  end

  # The driver is a fresh, unlinked process; how it ended is part of the trace when it is not normal.
  defp run(scenario) do
    {:ok, log} = Conf.Log.start()
    {driver, ref} = spawn_monitor(Conf.S, scenario, [])

    receive do
      {:DOWN, ^ref, :process, _, :normal} -> :ok
      {:DOWN, ^ref, :process, _, reason} -> Conf.Log.line("driver exit #{Conf.N.norm(reason)}")
    after
      30_000 ->
        Process.exit(driver, :kill)
        Conf.Log.line("driver did not finish")
    end

    lines = Conf.Log.lines()
    GenServer.stop(log)
    lines
  end
end

Conf.Recorder.main(System.argv())
