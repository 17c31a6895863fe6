using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// Counts what the console reads from the database: commands, rows and the characters of the text columns read. For
/// tests that pin how much a page or a service reads as the data grows (never how long it takes).
/// </summary>
public sealed class ReadCounter : DbCommandInterceptor
{
    private int commands;
    private long rows;
    private long chars;

    public int Commands => commands;

    public long Rows => Interlocked.Read(ref rows);

    public long Characters => Interlocked.Read(ref chars);

    public void Reset() => (commands, rows, chars) = (0, 0, 0);

    /// <summary>A factory over the database of <paramref name="app"/> whose contexts report to this counter.</summary>
    public IDbContextFactory<OpsConsoleDbContext> FactoryFor(OpsConsoleFactory app) => TestDatabases.ConsoleDatabaseThrough(app.DataDirectory, this);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Wrap(result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        new(Wrap(result));

    private CountingReader Wrap(DbDataReader result)
    {
        Interlocked.Increment(ref commands);
        return new CountingReader(result, this);
    }

    private sealed class CountingReader(DbDataReader inner, ReadCounter counter) : DbDataReader
    {
        public override bool Read() { var r = inner.Read(); if (r) { Interlocked.Increment(ref counter.rows); } return r; }
        public override async Task<bool> ReadAsync(CancellationToken ct) { var r = await inner.ReadAsync(ct); if (r) { Interlocked.Increment(ref counter.rows); } return r; }
        public override object GetValue(int ordinal) => inner.GetValue(ordinal);
        public override string GetString(int ordinal) { var s = inner.GetString(ordinal); Interlocked.Add(ref counter.chars, s.Length); return s; }
        public override T GetFieldValue<T>(int ordinal) { var v = inner.GetFieldValue<T>(ordinal); if (v is string s) { Interlocked.Add(ref counter.chars, s.Length); } return v; }
        public override int FieldCount => inner.FieldCount;
        public override object this[int ordinal] => inner[ordinal];
        public override object this[string name] => inner[name];
        public override int RecordsAffected => inner.RecordsAffected;
        public override bool HasRows => inner.HasRows;
        public override bool IsClosed => inner.IsClosed;
        public override int Depth => inner.Depth;
        public override bool NextResult() => inner.NextResult();
        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => inner.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
        public override string GetName(int ordinal) => inner.GetName(ordinal);
        public override int GetOrdinal(string name) => inner.GetOrdinal(name);
        public override int GetValues(object[] values) => inner.GetValues(values);
        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken ct) => inner.IsDBNullAsync(ordinal, ct);
        public override System.Collections.IEnumerator GetEnumerator() => ((System.Collections.IEnumerable)inner).GetEnumerator();
        protected override void Dispose(bool disposing) { if (disposing) { inner.Dispose(); } base.Dispose(disposing); }
        public override ValueTask DisposeAsync() => inner.DisposeAsync();
        public override Task CloseAsync() => inner.CloseAsync();
        public override void Close() => inner.Close();
    }
}
